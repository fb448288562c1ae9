"""Restoring a backup: verify, describe, load into a new database, then switch over atomically.

The live database is never written to. For the embedded file the backup is loaded into a new
encrypted file next to it (same key), built at the backup's schema revision by the migrations and
then migrated to this version's head; only when all of it checks out is the current file kept as a
safety copy (a hard link, so no copy time) and the new file renamed over it in one `os.replace`.
A failure or a kill at any earlier moment leaves the live file as it was, byte for byte.

`restore_to` loads into another, empty database instead (a PostgreSQL server for an office that
outgrows one laptop, or a new file), in one transaction: schema, rows and migrations commit
together or not at all.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from app.domain.errors import NewerSchemaError
from app.security.age_keys import AgeIdentity
from app.security.errors import BackupError, RestoreTargetNotEmptyError
from app.services import audit
from app.services.backup import BackupDescription, BackupService, describe
from app.services.backup_keys import (
    OFFICE_RECIPIENT,
    RECOVERY_CREATED_AT,
    RECOVERY_RECIPIENT,
    RETIRED_OFFICE_RECIPIENTS,
)
from app.services.database import OpenedDatabase
from app.services.office import OfficeService
from app.storage import migrations
from app.storage.backup_format import RestoreResult, load_backup, verify_backup
from app.storage.engine import (
    DatabaseKey,
    check_connection,
    is_sqlite,
    open_engine,
    parse_database_url,
    sqlite_path,
    sqlite_url,
)
from app.storage.foreign_key_check import first_orphan
from app.storage.models import BackupRecord, Base, OfficeSetting
from app.storage.portable_load import DEFAULT_WRITE_BATCH
from app.storage.sqlite_json_staging import JsonStaging, helpers_for_this_machine

KEY_SETTINGS = (OFFICE_RECIPIENT, RECOVERY_RECIPIENT, RECOVERY_CREATED_AT)
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
RESTORE_CACHE_KIB = 16384
"""SQLite page cache of the connection that loads a restored file."""
INDEX_BUILD_CACHE_KIB = 4096
"""Page cache while indexes are built after a load (measured as fast as 16 MiB, 12 MiB less)."""
CHECK_CACHE_KIB = 2048
"""Page cache of the two connections checking the new file: `quick_check` reads it through once,
and the foreign-key check reads the child indexes and the parents in key order."""


class BackupFromNewerVersionError(BackupError):
    """The backup's schema is newer than any this version of CourtSafe knows."""


class DatabaseInUseError(BackupError):
    """Another window or program holds the database open: switching files would lose its work."""


@dataclass(frozen=True, slots=True)
class RestoreOutcome:
    description: BackupDescription
    target: str
    """The file restored, or the server address (without its password)."""
    row_counts: tuple[tuple[str, int], ...]
    safety_copy: Path | None
    """The database as it was before, kept in the safety-copies folder (embedded file only)."""
    schema_revision: str
    """The schema the restored database is at now (this version's latest)."""
    seconds: float


@dataclass(frozen=True, slots=True)
class CarriedOver:
    """The live database's backup keys (they stay in force: this desk's keyring holds the office
    secret) and backup history (it describes files that exist now), written over the backup's."""

    key_settings: dict[str, Any]
    history: list[dict[str, Any]]


_HISTORY = Base.metadata.tables[BackupRecord.__tablename__]


class RestoreService:
    def __init__(
        self,
        backups: BackupService,
        database: OpenedDatabase,
        safety_copies_dir: Path,
        *,
        write_batch: int = DEFAULT_WRITE_BATCH,
    ) -> None:
        self.backups = backups
        self.database = database
        self.safety_copies_dir = safety_copies_dir
        self.write_batch = write_batch
        """Rows per INSERT while loading."""

    def inspect(self, path: Path, given: Sequence[AgeIdentity] = ()) -> BackupDescription:
        """Verify the backup in full and say what it holds; refuses one this version can't load."""
        return inspect_backup(path, self.backups.identities(given))

    # -- in place (the embedded file) ---------------------------------------------------------

    def restore_here(
        self,
        path: Path,
        given: Sequence[AgeIdentity] = (),
        *,
        database_key: DatabaseKey | None,
        verified: BackupDescription | None = None,
    ) -> RestoreOutcome:
        """Replace the embedded database with the backup's data; `database_key` is its key.

        `verified`: what `inspect` returned for this file just before (shown to the user), so
        the file is not decrypted twice before the load, which checks every part again anyway.
        """
        started = time.perf_counter()
        live = sqlite_path(self.database.url)
        if live is None:
            raise BackupError(
                "This desk works on a database server, which CourtSafe does not overwrite. "
                "Restore into a new, empty database (backup restore FILE --to URL), then point "
                "every desk at it."
            )
        if database_key is None:
            raise BackupError("The database key is needed to write the restored file.")
        description = verified if verified is not None else self.inspect(path, given)
        _check_known_schema(description)
        identities = self.backups.identities(given)
        carried = self._carried_over()
        partial = live.with_name(live.name + ".restoring")
        _remove_database_files(partial)
        try:
            engine = open_engine(sqlite_url(partial), database_key)
            event.listen(engine, "connect", _bulk_load_pragmas)
            try:
                counts = _load(
                    engine,
                    path,
                    identities,
                    description,
                    carried,
                    staged=True,
                    batch_size=self.write_batch,
                )
                # The loading connection's page cache and the stages attached to it go before
                # the checks open two connections of their own.
                engine.dispose()
                _check_new_file(engine)
            finally:
                engine.dispose()
            _fsync_file(partial)
        except BaseException:
            _remove_database_files(partial)
            raise
        safety = self._switch(partial, live)
        seconds = time.perf_counter() - started
        return RestoreOutcome(
            description, str(live), counts, safety, migrations.head_revision(), seconds
        )

    # -- into another database ----------------------------------------------------------------

    def restore_to(
        self,
        target: str | URL,
        path: Path,
        given: Sequence[AgeIdentity] = (),
        *,
        database_key: DatabaseKey | None = None,
        verified: BackupDescription | None = None,
    ) -> RestoreOutcome:
        """Load the backup into a new, empty database (a server, or a new encrypted file)."""
        started = time.perf_counter()
        description = verified if verified is not None else self.inspect(path, given)
        return restore_into_new_database(
            target,
            path,
            self.backups.identities(given),
            description,
            self._carried_over(),
            database_key=database_key,
            batch_size=self.write_batch,
            started=started,
        )

    # -- helpers --------------------------------------------------------------------------------

    def _carried_over(self) -> CarriedOver:
        """What stays as it is on this desk after a restore: the backup keys and history."""
        office = OfficeService(self.backups.ctx)
        values = {key: office.setting(key) for key in (*KEY_SETTINGS, RETIRED_OFFICE_RECIPIENTS)}
        with self.backups.ctx.uow.engine.connect() as conn:
            history = [dict(row) for row in conn.execute(sa.select(_HISTORY)).mappings()]
        return CarriedOver(values if values[RECOVERY_RECIPIENT] else {}, history)

    def _switch(self, partial: Path, live: Path) -> Path:
        """Keep the current file as a safety copy and put the restored one in its place."""
        engine = self.database.engine
        lock = self.database.lock
        in_use_here = engine.pool.checkedout() > 0  # type: ignore[attr-defined]
        if in_use_here or (lock is not None and not lock.try_exclusive()):
            _remove_database_files(partial)
            raise DatabaseInUseError(
                "The database is open in another CourtSafe window or still busy here. Close the "
                "other window (or wait for the work under way) and restore again; nothing was "
                "changed."
            )
        with engine.connect() as conn:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        engine.dispose()
        wal = live.with_name(live.name + "-wal")
        if (busy is not None and busy[0]) or (wal.exists() and wal.stat().st_size > 0):
            _remove_database_files(partial)
            raise DatabaseInUseError(
                "The database is open in another CourtSafe window or program. Close it there "
                "and restore again; nothing was changed."
            )
        for suffix in ("-wal", "-shm"):
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        self.safety_copies_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        safety = self.safety_copies_dir / f"before-restore-{stamp}.db"
        safety.unlink(missing_ok=True)
        try:
            os.link(live, safety)  # the old file itself: no copy, and it cannot differ
        except OSError:
            shutil.copy2(live, safety)
        _fsync_directory(self.safety_copies_dir)
        try:
            os.replace(partial, live)
        except PermissionError:  # Windows: another program holds the file open
            _remove_database_files(partial)
            raise DatabaseInUseError(
                "Another program has the database open. Close it and restore again; nothing "
                "was changed."
            ) from None
        _fsync_directory(live.parent)
        check_connection(engine)  # the pool reconnects to the restored file (same key)
        return safety


def inspect_backup(path: Path, identities: Sequence[AgeIdentity]) -> BackupDescription:
    """Verify the backup in full and say what it holds; refuses one this version can't load."""
    description = describe(path, verify_backup(path, identities))
    _check_known_schema(description)
    return description


NOTHING_CARRIED = CarriedOver({}, [])
"""For a desk with no office of its own: the backup's keys stay, its history is dropped."""


def restore_into_new_database(
    target: str | URL,
    path: Path,
    identities: Sequence[AgeIdentity],
    description: BackupDescription,
    carried: CarriedOver = NOTHING_CARRIED,
    *,
    database_key: DatabaseKey | None = None,
    batch_size: int = DEFAULT_WRITE_BATCH,
    started: float | None = None,
) -> RestoreOutcome:
    """Load a verified backup into a new, empty database (a server, or a new encrypted file).

    Needs no database of this desk: `identities` open the backup (a recovery key will do).
    """
    started = time.perf_counter() if started is None else started
    _check_known_schema(description)
    url = parse_database_url(target) if isinstance(target, str) else target
    shown = url.render_as_string(hide_password=True)
    new_file = sqlite_path(url) if is_sqlite(url) else None
    if is_sqlite(url):
        if new_file is None:
            raise BackupError("Restore into a file or a server, not into memory.")
        if new_file.exists() and new_file.stat().st_size > 0:
            raise RestoreTargetNotEmptyError(
                f"{new_file} already exists. Restore only into a new file."
            )
        if database_key is None:
            raise BackupError("A new database file needs a key or passphrase to encrypt it.")
        engine = open_engine(sqlite_url(new_file), database_key)
        shown = str(new_file)
    else:
        engine = open_engine(url)
    try:
        check_connection(engine)
        counts = _load(
            engine, path, identities, description, carried, target_name=shown,
            batch_size=batch_size,
        )
    except BaseException:
        engine.dispose()
        if new_file is not None:
            _remove_database_files(new_file)
        raise
    engine.dispose()
    seconds = time.perf_counter() - started
    return RestoreOutcome(description, shown, counts, None, migrations.head_revision(), seconds)


def _load(
    engine: Engine,
    path: Path,
    identities: Sequence[AgeIdentity],
    description: BackupDescription,
    carried: CarriedOver,
    *,
    target_name: str = "the new database",
    staged: bool = False,
    batch_size: int = DEFAULT_WRITE_BATCH,
) -> tuple[tuple[str, int], ...]:
    """Schema at the backup's revision, rows, migrations to head: one transaction.

    `staged`: parse rows on helper threads (`sqlite_json_staging`), for a new SQLite file.
    Rows that break the schema's rules end the restore with a one-line message naming tables,
    never values (the database's own error quotes the rows).
    """
    revision = description.schema_revision
    helpers = helpers_for_this_machine() if staged else 0
    metadata: sa.MetaData = Base.metadata
    try:
        with ExitStack() as stack, engine.connect() as conn:
            staging = stack.enter_context(JsonStaging(helpers)) if helpers else None
            if staging is not None:  # before the transaction: SQLite refuses ATTACH inside one
                staging.attach(conn.connection.dbapi_connection)
            with conn.begin():
                existing = sa.inspect(conn).get_table_names()
                if existing:
                    raise RestoreTargetNotEmptyError(
                        f"{target_name} already has tables ({', '.join(sorted(existing)[:5])}). "
                        "Restore only into a new, empty database (for PostgreSQL: createdb NAME)."
                    )
                migrations.upgrade_to(conn, revision)
                metadata = _metadata_at(conn, revision)
                result = _load_rows(
                    conn, path, identities, description, metadata, staging, batch_size,
                    check_keys=not staged,
                )
                if revision != migrations.head_revision():
                    migrations.upgrade_to(conn, "head")
                _record_restore(conn, description, carried)
    except sa.exc.IntegrityError as error:
        raise BackupError(_rows_do_not_fit(error, metadata)) from None
    return tuple(result.row_counts.items())


def _load_rows(
    conn: sa.Connection,
    path: Path,
    identities: Sequence[AgeIdentity],
    description: BackupDescription,
    metadata: sa.MetaData,
    staging: JsonStaging | None,
    batch_size: int,
    *,
    check_keys: bool,
) -> RestoreResult:
    """The backup's rows into the new tables; indexes dropped and built after, on SQLite.

    `check_keys`: find a row naming a missing row before the commit would refuse it (SQLite
    defers its foreign keys to the commit, which then fails without saying where).
    """
    indexes = _rebuildable_indexes(conn, metadata, staged=staging is not None)
    for index in indexes:  # building an index once, sorted, beats a million random inserts
        index.drop(conn)
    result = load_backup(
        path, identities, conn, metadata, description.manifest, staging=staging,
        batch_size=batch_size,
    )
    if indexes:  # SQLite sorts index entries in memory: room for that, not for pages
        conn.exec_driver_sql(f"PRAGMA cache_size = -{INDEX_BUILD_CACHE_KIB}")
    for index in indexes:
        index.create(conn)
    if check_keys and conn.dialect.name == "sqlite":
        orphan = first_orphan(conn)
        if orphan is not None:
            raise BackupError(_orphan_message(orphan.table, orphan.parent))
    return result


_CONSTRAINT_KINDS = {
    "23503": "refers to a missing row",
    "23505": "repeats a key another row already has",
    "23502": "lacks a value the table requires",
    "23514": "breaks one of the table's rules",
}


def _rows_do_not_fit(error: sa.exc.IntegrityError, metadata: sa.MetaData) -> str:
    """Which table and rule, from the driver's structured details; never the row or the SQL."""
    diag = getattr(error.orig, "diag", None)
    table = getattr(diag, "table_name", None)
    constraint = getattr(diag, "constraint_name", None)
    state = getattr(error.orig, "sqlstate", None) or getattr(diag, "sqlstate", None)
    if table and state == "23503":
        parent = _referred_table(metadata, table, constraint)
        if parent is not None:
            return _orphan_message(table, parent)
    kind = _CONSTRAINT_KINDS.get(str(state), "breaks one of the database's rules")
    where = f"a row of {table}" if table else "a row"
    return (
        f"The backup's rows do not fit together: {where} {kind}. Nothing was changed; "
        "use another backup."
    )


def _orphan_message(table: str, parent: str) -> str:
    return (
        f"The backup's rows do not fit together: a row of {table} refers to a missing row of "
        f"{parent}. Nothing was changed; use another backup."
    )


def _referred_table(metadata: sa.MetaData, table: str, constraint: str | None) -> str | None:
    found = metadata.tables.get(table)
    if found is None:
        return None
    keys = list(found.foreign_key_constraints)
    for key in keys:
        if key.name == constraint:
            return key.referred_table.name
    parents = {key.referred_table.name for key in keys}
    return parents.pop() if len(parents) == 1 else None



def _rebuildable_indexes(
    conn: sa.Connection, metadata: sa.MetaData, *, staged: bool
) -> list[sa.Index]:
    """Indexes to build after the load, on SQLite where foreign keys are checked once at the end.

    (With row-by-row deferred checks, SQLite looks child rows up through the foreign-key
    indexes: dropping those made a load twenty times slower.) When helpers parse the rows
    (`staged`), this connection spends most of the load waiting for them, so indexes of integer
    columns are kept and filled as rows are copied in: their entries are small, and for a
    million hearings keeping them cost no more than building them after, in key order or not.
    """
    if conn.dialect.name != "sqlite":
        return []
    return [
        index
        for table in metadata.sorted_tables
        for index in table.indexes
        if not (staged and _integer_keys(index))
    ]


def _integer_keys(index: sa.Index) -> bool:
    columns = list(index.columns)
    return len(columns) == len(index.expressions) and all(
        isinstance(column.type, sa.Integer) for column in columns
    )


def _metadata_at(conn: sa.Connection, revision: str) -> sa.MetaData:
    """The tables as they were at `revision`: the models at head, else read from the database."""
    if revision == migrations.head_revision():
        return Base.metadata
    metadata = sa.MetaData()
    metadata.reflect(conn)
    metadata.remove(metadata.tables["alembic_version"])
    return metadata


def _record_restore(
    conn: sa.Connection, description: BackupDescription, carried: CarriedOver
) -> None:
    """Keep this desk's backup keys and history, and note the restore in the audit trail."""
    conn.execute(sa.delete(_HISTORY))
    if carried.history:
        conn.execute(sa.insert(_HISTORY), carried.history)
    with Session(bind=conn) as session:  # joins the load's transaction; never commits it
        keys = carried.key_settings
        if keys:
            backup_office = session.get(OfficeSetting, OFFICE_RECIPIENT)
            retired = list(keys.get(RETIRED_OFFICE_RECIPIENTS) or [])
            if backup_office is not None:
                old = json.loads(backup_office.value)
                known = {entry["public_key"] for entry in retired}
                if old and old != keys.get(OFFICE_RECIPIENT) and old not in known:
                    retired.append({"public_key": old, "retired_at": "restored backup"})
            values = {key: keys.get(key) for key in KEY_SETTINGS}
            values[RETIRED_OFFICE_RECIPIENTS] = retired or None
            for key, value in values.items():
                _put_setting(session, key, value)
        audit.record(
            session,
            actor="restore",
            at=datetime.now(UTC),
            entity="database",
            entity_id=0,
            action="restore",
            changes={
                "backup": [None, description.path.name],
                "backup_created_at": [None, description.created_at.isoformat()],
            },
        )
        session.flush()


def _put_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(OfficeSetting, key)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    text = json.dumps(value, sort_keys=True)
    if row is None:
        session.add(OfficeSetting(key=key, value=text))
    else:
        row.value = text


def _check_known_schema(description: BackupDescription) -> None:
    try:
        migrations.check_not_newer(description.schema_revision)
    except NewerSchemaError:
        raise BackupFromNewerVersionError(
            f"This backup was made by CourtSafe {description.app_version} on "
            f"{description.created_at:%Y-%m-%d}, whose database schema "
            f"({description.schema_revision}) is newer than this version knows. Install "
            f"CourtSafe {description.app_version} or newer to restore it; nothing was changed."
        ) from None


def _bulk_load_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """The new file is thrown away on any failure, so it needs no journal on disk while loading."""
    dbapi_connection.execute("PRAGMA journal_mode = MEMORY")
    dbapi_connection.execute("PRAGMA synchronous = OFF")
    dbapi_connection.execute("PRAGMA temp_store = MEMORY")
    # SQLCipher turns secure_delete on; every page of this new file is encrypted and holds only
    # rows being restored into it, so zeroing the space that page splits free buys nothing.
    dbapi_connection.execute("PRAGMA secure_delete = OFF")
    # Rows arrive in key order and indexes are built after the load: a large cache only holds
    # memory (a restore keeps the live database's connection open beside this one).
    dbapi_connection.execute(f"PRAGMA cache_size = -{RESTORE_CACHE_KIB}")
    # Checked once over the whole file after the load (`_check_new_file`), not row by row.
    dbapi_connection.execute("PRAGMA foreign_keys = OFF")


def _check_new_file(engine: Engine) -> None:
    """The file's structure and every foreign key, checked at once on two connections."""
    # Both connections are opened first: opening one sets the journal mode, which waits for
    # readers to finish.
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            conn.exec_driver_sql(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="restore-check") as pool:
            structure = pool.submit(
                lambda: first.exec_driver_sql("PRAGMA main.quick_check").first()
            )
            keys = pool.submit(first_orphan, second)
            result = structure.result()
            orphan = keys.result()
    if result is not None:
        result = result[0]
    if result != "ok":
        raise BackupError(f"The restored database failed its integrity check ({result}).")
    if orphan is not None:
        raise BackupError(
            f"The restored database failed its check: a row of {orphan.table} refers to a "
            f"missing row of {orphan.parent}. Nothing was changed."
        )


def _remove_database_files(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in _SQLITE_COMPANIONS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; its renames are durable
    _fsync_file(directory)
