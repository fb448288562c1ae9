"""`courtsafe backup ...`: keys and recovery kit, create, verify, list, prune, restore."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from app import settings as desk_settings
from app.bootstrap import (
    App,
    OpenOptions,
    open_app,
    resolve_passphrase,
    resolve_paths,
    resolve_url,
)
from app.domain.errors import UserError
from app.security.age_keys import AgeIdentity, load_identity_file, parse_identity
from app.services.backup import (
    RECOVERY_KEY_NEEDED,
    BackupDescription,
    BackupService,
    RecoveryKeyNeededError,
)
from app.services.backup_keys import KEYS_EXIST, BackupKeys, RecoveryKey
from app.services.backup_restore import (
    RestoreOutcome,
    RestoreService,
    inspect_backup,
    restore_into_new_database,
)
from app.services.database import resolve_key
from app.storage.backup_format import VerifiedBy
from app.storage.engine import DatabaseKey, is_sqlite, parse_database_url, sqlite_path


def register(commands: Any) -> None:
    backup = commands.add_parser("backup", help="encrypted backups, recovery kit and restore")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="write and verify a backup now")
    create.add_argument("--to", type=Path, metavar="DIR", help="folder (default: the set one)")
    create.set_defaults(handler=run_create)

    verify = actions.add_parser("verify", help="decrypt a backup and check every part")
    verify.add_argument("file", type=Path, metavar="FILE")
    _identity_option(verify)
    verify.set_defaults(handler=run_verify)

    restore = actions.add_parser("restore", help="restore a backup (asks first)")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--to", metavar="URL", help="load into this new, empty database instead of this one"
    )
    _identity_option(restore)
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(handler=run_restore, run_without_app=run_restore_from_any_desk)

    listing = actions.add_parser("list", help="the backups in a folder, newest first")
    listing.add_argument("--folder", type=Path, metavar="DIR")
    listing.set_defaults(handler=run_list)

    prune = actions.add_parser("prune", help="delete backups the retention policy does not keep")
    prune.add_argument("--folder", type=Path, metavar="DIR")
    prune.add_argument("--dry-run", action="store_true", help="only say what would be deleted")
    prune.set_defaults(handler=run_prune)

    status = actions.add_parser("status", help="keys, last backup, last verified backup")
    status.set_defaults(handler=run_status)

    setup = actions.add_parser("setup", help="create the backup keys (or add an office key)")
    _recovery_outputs(setup, pdf_flag="--kit")
    setup.set_defaults(handler=run_setup)

    kit = actions.add_parser("recovery-kit", help="create the keys and print the recovery kit")
    _recovery_outputs(kit, pdf_flag="--out")
    kit.set_defaults(handler=run_recovery_kit)

    rotate = actions.add_parser(
        "rotate-recovery-key", help="a new recovery key and kit (old backups keep the old key)"
    )
    _recovery_outputs(rotate, pdf_flag="--out")
    rotate.set_defaults(handler=run_rotate_recovery)

    office = actions.add_parser("rotate-office-key", help="a new office key in this keyring")
    office.add_argument(
        "--forget-old", action="store_true", help="delete the old office key from the keyring"
    )
    office.set_defaults(handler=run_rotate_office)


def _identity_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--identity",
        type=Path,
        metavar="FILE",
        help="recovery key file (recovery-key.txt; '-' reads it from standard input)",
    )


def _recovery_outputs(parser: argparse.ArgumentParser, *, pdf_flag: str) -> None:
    parser.add_argument(pdf_flag, dest="pdf", type=Path, metavar="FILE.pdf",
                        help="write the recovery kit (key as text and QR code) here")
    parser.add_argument("--key-out", type=Path, metavar="FILE",
                        help="also write the key as an age identity file ('-': print it)")


def backup_services(app: App) -> tuple[BackupKeys, BackupService, RestoreService]:
    keys = BackupKeys(app.services.office, app.secrets, app.ctx.clock)
    folder = Path(app.settings.backup_folder) if app.settings.backup_folder else None
    backups = BackupService(app.ctx, keys, folder or app.paths.backups_dir)
    return keys, backups, RestoreService(backups, app.database, app.paths.safety_copies_dir)


# -- keys -----------------------------------------------------------------------------------------


def run_setup(args: argparse.Namespace, app: App) -> int:
    keys, _, _ = backup_services(app)
    if keys.status().set_up:
        result = keys.set_up()  # adds a missing office key, or says the keys exist
        print(f"Office key added to this desk's keyring ({result.office_public_key}).")
        return 0
    recovery = _save_recovery_key(args, keys)
    result = keys.set_up(recovery)
    _print_recovery_saved(args, recovery)
    print(result.note)
    return 0


def run_recovery_kit(args: argparse.Namespace, app: App) -> int:
    keys, _, _ = backup_services(app)
    if args.pdf is None:
        raise UserError("Say where to write the recovery kit: --out FILE.pdf")
    if keys.status().set_up:
        raise UserError(KEYS_EXIST)
    return run_setup(args, app)


def run_rotate_recovery(args: argparse.Namespace, app: App) -> int:
    keys, _, _ = backup_services(app)
    if not keys.status().set_up:
        return run_recovery_kit(args, app)
    recovery = _save_recovery_key(args, keys)
    keys.rotate_recovery_key(recovery)
    _print_recovery_saved(args, recovery)
    print("New backups use the new recovery key; the old one still opens the older backups.")
    return 0


def run_rotate_office(args: argparse.Namespace, app: App) -> int:
    keys, _, _ = backup_services(app)
    public_key = keys.rotate_office_key(forget_old=args.forget_old)
    kept = "deleted from" if args.forget_old else "kept in"
    print(f"New office key {public_key}. The old key is {kept} this keyring; the recovery key "
          "opens every backup either way.")
    return 0


def _save_recovery_key(args: argparse.Namespace, keys: BackupKeys) -> RecoveryKey:
    """Write the kit and/or key file before the key is put in use: it is shown only once."""
    if args.pdf is None and args.key_out is None:
        raise UserError(
            "The recovery key is shown only once: say where to keep it with --kit/--out "
            "FILE.pdf (printed recovery kit) and/or --key-out FILE (key file; '-' prints it)."
        )
    targets = [path for path in (args.pdf, args.key_out) if path is not None and str(path) != "-"]
    for path in targets:
        _check_new_file(path)
    recovery = keys.new_recovery_key()
    if args.pdf is not None:
        _write_new_file(args.pdf, keys.recovery_kit_pdf(recovery))
    if args.key_out is not None:
        if str(args.key_out) == "-":
            sys.stdout.write(recovery.file_text())
        else:
            _write_new_file(args.key_out, recovery.file_text().encode("ascii"))
    return recovery


def _print_recovery_saved(args: argparse.Namespace, recovery: RecoveryKey) -> None:
    where = [str(p) for p in (args.pdf, args.key_out) if p is not None and str(p) != "-"]
    if where:
        print(f"Recovery key {recovery.public_key} saved to {' and '.join(where)}. Print it, "
              "keep it offline (e.g. in the office safe) and delete the files from this "
              "computer: CourtSafe does not keep the recovery key and cannot show it again.",
              file=sys.stderr if str(args.key_out) == "-" else sys.stdout)


def _check_new_file(path: Path) -> None:
    if path.exists():
        raise UserError(f"{path} already exists; choose a new file name.")
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist.")


def _write_new_file(path: Path, data: bytes) -> None:
    """Readable by the user only, never over an existing file, complete or absent."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            raise FileExistsError(path)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"{path} could not be written: {error.strerror or error}.") from None


# -- backups --------------------------------------------------------------------------------------


def run_create(args: argparse.Namespace, app: App) -> int:
    keys, backups, _ = backup_services(app)
    result = backups.create(args.to)
    rows = result.manifest.total_rows
    print(f"Backup written: {result.path} ({_size(result.size)}, {rows:,} rows).")
    if result.verified_by is VerifiedBy.DECRYPTION:
        print("Verified: decrypted with the office key and every part checked.")
    else:
        print("Checked by reading it back. This desk has no office key to decrypt it; check it "
              "fully with: courtsafe backup verify FILE --identity recovery-key.txt")
    return 0


def run_verify(args: argparse.Namespace, app: App) -> int:
    _, backups, _ = backup_services(app)
    _require_file(args.file)
    description = backups.verify(args.file, _identities(args, backups))
    print(f"{args.file.name}: verified, every part matches its checksum.")
    _print_description(description)
    return 0


def run_list(args: argparse.Namespace, app: App) -> int:
    _, backups, _ = backup_services(app)
    folder = args.folder or backups.default_folder
    found = backups.list_backups(folder)
    if not found:
        print(f"No backups in {folder}.")
        return 0
    print(f"{'created (UTC)':<18}{'size':>11}  {'verified':<9}file")
    for item in found:
        verified = {True: "yes", False: "no", None: "?"}[item.verified]
        print(f"{item.created_at:%Y-%m-%d %H:%M}  {_size(item.size):>11}  {verified:<9}"
              f"{item.path.name}")
    print(f"{len(found)} backup(s) in {folder}.")
    return 0


def run_prune(args: argparse.Namespace, app: App) -> int:
    _, backups, _ = backup_services(app)
    policy = backups.retention()
    result = backups.prune(args.folder, policy, dry_run=args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    for path in result.deleted:
        print(f"{verb} {path.name}")
    print(f"{verb} {len(result.deleted)}, kept {len(result.kept)} backup(s) "
          f"(keeping {policy.daily} daily, {policy.weekly} weekly, {policy.monthly} monthly).")
    return 0


def run_status(args: argparse.Namespace, app: App) -> int:
    keys, backups, _ = backup_services(app)
    status = backups.status()
    print(keys.status().note)
    print(f"Backup folder: {backups.default_folder}")
    for label, entry in (("Last backup", status.last_backup),
                         ("Last verified", status.last_verified)):
        if entry is None:
            print(f"{label}: none")
        else:
            print(f"{label}: {entry.created_at:%Y-%m-%d %H:%M} UTC, {entry.file_name} "
                  f"({_size(entry.size)})")
    if status.last_failure is not None:
        print(f"Last attempt failed: {status.last_failure.message}")
    return 0


# -- restore --------------------------------------------------------------------------------------


def run_restore_from_any_desk(args: argparse.Namespace) -> int:
    """`restore --to URL --identity FILE` needs no office on this desk (nor its keyring)."""
    from app.cli.main import options_from  # the command line's own options

    options = options_from(args)
    if args.to is not None and args.identity is not None and not _office_here(options):
        return _restore_without_office(args)
    app = open_app(options)
    try:
        return run_restore(args, app)
    finally:
        app.close()


def _office_here(options: OpenOptions) -> bool:
    paths = resolve_paths(options)
    settings = desk_settings.load(paths.config_dir / "settings.json")
    live = sqlite_path(resolve_url(options, paths, settings))
    return live is None or live.exists()


def _restore_without_office(args: argparse.Namespace) -> int:
    _require_file(args.file)
    _check_can_ask(args)
    identities = _given_identities(args)
    description = inspect_backup(args.file, identities)
    print(f"{args.file.name} is intact. It holds:")
    _print_description(description)
    url = parse_database_url(args.to)
    if not args.yes and not _confirm(
        f"Restore it into the new database {url.render_as_string(hide_password=True)}?"
    ):
        print("Nothing was changed.")
        return 1
    path = sqlite_path(url) if is_sqlite(url) else None
    key = None
    if path is not None:
        passphrase = resolve_passphrase(OpenOptions(passphrase_file=args.passphrase_file))
        key, _ = resolve_key(path, secrets=None, passphrase=passphrase)
    outcome = restore_into_new_database(url, args.file, identities, description,
                                        database_key=key)
    _print_outcome(outcome, in_place=False)
    return 0


def _check_can_ask(args: argparse.Namespace) -> None:
    if not args.yes and not sys.stdin.isatty():
        raise UserError(
            "A restore replaces data, so it asks first, and there is no terminal to ask on. "
            "Run it in a terminal, or add --yes to confirm in advance."
        )


def run_restore(args: argparse.Namespace, app: App) -> int:
    _, backups, restorer = backup_services(app)
    _require_file(args.file)
    _check_can_ask(args)
    identities = _identities(args, backups)
    description = restorer.inspect(args.file, identities)
    print(f"{args.file.name} is intact. It holds:")
    _print_description(description)
    target = _target_text(args, app)
    if not args.yes and not _confirm(f"Restore it into {target}?"):
        print("Nothing was changed.")
        return 1
    outcome = _restore(args, app, restorer, identities, description)
    _print_outcome(outcome, args.to is None)
    return 0


def _restore(
    args: argparse.Namespace,
    app: App,
    restorer: RestoreService,
    identities: list[AgeIdentity],
    description: BackupDescription,
) -> RestoreOutcome:
    passphrase = resolve_passphrase(OpenOptions(passphrase_file=args.passphrase_file))
    if args.to is None:
        live = sqlite_path(app.database.url)
        key = _database_key(live, app, passphrase) if live is not None else None
        return restorer.restore_here(args.file, identities, database_key=key,
                                     verified=description)
    url = parse_database_url(args.to)
    path = sqlite_path(url) if is_sqlite(url) else None
    key = _database_key(path, app, passphrase) if path is not None else None
    return restorer.restore_to(url, args.file, identities, database_key=key,
                               verified=description)


def _database_key(path: Path, app: App, passphrase: str | None) -> DatabaseKey:
    key, _ = resolve_key(path, secrets=app.secrets, passphrase=passphrase)
    return key


def _target_text(args: argparse.Namespace, app: App) -> str:
    if args.to is not None:
        url = parse_database_url(args.to)
        return f"the new database {url.render_as_string(hide_password=True)}"
    return (f"this desk's database ({app.database.url.database}), replacing its current data "
            "(a safety copy is kept)")


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _print_outcome(outcome: RestoreOutcome, in_place: bool) -> None:
    rows = sum(count for _, count in outcome.row_counts)
    print(f"Restored {rows:,} rows into {outcome.target} in {outcome.seconds:.1f} s "
          f"(schema now {outcome.schema_revision}).")
    if outcome.safety_copy is not None:
        print(f"The data as it was before is kept in {outcome.safety_copy}.")
    if not in_place:
        print(f"Point the desks at it: courtsafe --database '{outcome.target}' (or set "
              "COURTSAFE_DATABASE_URL).")


# -- helpers --------------------------------------------------------------------------------------


def _identities(args: argparse.Namespace, backups: BackupService) -> list[AgeIdentity]:
    """The recovery key given (file, standard input or typed), then this desk's office keys."""
    given = _given_identities(args)
    try:
        return backups.identities(given)
    except RecoveryKeyNeededError:
        if not sys.stdin.isatty():
            raise
    typed = getpass.getpass("Recovery key (AGE-SECRET-KEY-1...): ").strip()
    if not typed:
        raise RecoveryKeyNeededError(RECOVERY_KEY_NEEDED)
    return backups.identities([parse_identity(typed.upper())])


def _given_identities(args: argparse.Namespace) -> list[AgeIdentity]:
    if args.identity is None:
        return []
    if str(args.identity) == "-":
        return [parse_identity(sys.stdin.read())]
    return load_identity_file(args.identity)


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise UserError(f"{path} does not exist or is not a file.")


def _print_description(description: BackupDescription) -> None:
    created = description.created_at.astimezone()
    print(f"  created      {created:%Y-%m-%d %H:%M %Z} by CourtSafe {description.app_version}")
    print(f"  schema       {description.schema_revision}")
    print(f"  size         {_size(description.size)}")
    for table in ("client", "legal_case", "hearing", "enforcement_incident", "letter"):
        print(f"  {table:<13}{description.count(table):>10,} rows")
    print(f"  all tables   {description.total_rows:>10,} rows")


def _size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
