"""One session per user action: commit or roll back, always close (mlflow's session scope).

Views never hold a session; services open one here, do their work and return plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import ConflictError
from app.storage.errors import user_facing

CONFLICT_MESSAGE = (
    "Someone else saved this record after you opened it. Nothing was overwritten: reload to see "
    "their changes, then make yours again."
)


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False, autoflush=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self._factory()
        try:
            yield session
            session.commit()
        except StaleDataError:
            session.rollback()
            raise ConflictError(CONFLICT_MESSAGE) from None
        except Exception as error:
            session.rollback()
            friendly = user_facing(error)
            if friendly is not None:
                raise friendly from error
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reads: never commits, so a list screen cannot write by accident."""
        session = self._factory()
        try:
            yield session
        except Exception as error:
            friendly = user_facing(error)
            if friendly is not None:
                raise friendly from error
            raise
        finally:
            session.rollback()
            session.close()
