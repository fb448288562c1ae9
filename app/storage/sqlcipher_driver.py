"""The SQLCipher driver, with SQLite's process-wide memory statistics turned off.

Every module here that opens an SQLCipher connection imports the driver from this module, so the
statistics are turned off when it is first imported, before this process opens any connection.

By default SQLite counts every allocation and release, under one mutex shared by every thread
of the process, so that `sqlite3_status` can report the memory in use. CourtSafe never asks.
When a restore parses rows on helper threads while another thread copies them in
(`sqlite_json_staging`), both threads allocate for every JSON value, and waiting on that one
mutex cost about a fifth of the load (measured: 1.68 million rows, 9.1-9.7 s with the
statistics, 7.5-8.0 s without).

SQLite accepts the setting (`sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)`) only while it is shut
down, and shutting it down under an open connection would break that connection. So it is done
only if this module is the first to load the driver (no connection can exist before that), and
every module here takes the driver from this one (a test keeps it so); as a further guard, not
if SQLite has ever held more memory than it holds now. Otherwise, and where the driver's library
does not export these C functions, the statistics stay on and everything works, only slower.
"""

from __future__ import annotations

import ctypes
import sys
import threading

_LOADED_BEFORE = "sqlcipher3._sqlite3" in sys.modules
"""Someone imported the driver before this module did, and may have opened connections."""

import sqlcipher3._sqlite3 as driver  # noqa: E402
import sqlcipher3.dbapi2 as sqlcipher  # noqa: E402

__all__ = ["sqlcipher", "turn_off_memory_statistics"]

SQLITE_OK = 0
SQLITE_CONFIG_MEMSTATUS = 9

_lock = threading.Lock()
_done: bool | None = None


def turn_off_memory_statistics() -> bool:
    """True if SQLite now runs without memory statistics (once per process; safe to repeat)."""
    global _done
    with _lock:
        if _done is None:
            _done = _turn_off()
        return _done


def _turn_off() -> bool:
    if _LOADED_BEFORE:
        return False
    try:
        library = ctypes.CDLL(driver.__file__)
        used = library.sqlite3_memory_used
        highwater = library.sqlite3_memory_highwater
        shutdown = library.sqlite3_shutdown
        config = library.sqlite3_config
        initialize = library.sqlite3_initialize
    except (OSError, AttributeError):  # a build that does not export SQLite's C functions
        return False
    used.restype = highwater.restype = ctypes.c_int64
    highwater.argtypes = [ctypes.c_int]
    if highwater(0) != used():
        return False  # SQLite has freed memory since it started: it has been in use already
    if shutdown() != SQLITE_OK:
        initialize()
        return False
    turned_off: bool = config(SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == SQLITE_OK
    if initialize() != SQLITE_OK:
        raise RuntimeError("SQLite could not start again after its configuration")
    return turned_off


turn_off_memory_statistics()
