"""Runs Ralph (the learning record store, ralph-malph 5.1.0 from PyPI) on 127.0.0.1:PORT with its
file-system backend, for the records tests: `python run_ralph.py PORT` (not `ralph.py`: the script's own name would shadow the package), with Ralph's RALPH_*
settings in the environment (tests/lrs.rs sets them).

Two changes to how Ralph stores statements, made here when it starts and not in its files:
- Ralph 5.1.0's file-system backend writes its file with the "create" operation, which refuses
  every statement after the first (HTTP 500, "already exists and overwrite is not allowed"); no
  setting changes that, so the backend is set to append.
- It rewrites a history file in full twice per request, which slows every request as the file
  grows; the tests do not read it, so it is not kept.
"""

import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
FSLRSBackend.append_to_history = lambda self, event: None

import uvicorn  # noqa: E402  (after the backend is changed, before the app is imported)

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
