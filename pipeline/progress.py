"""Where a report's processing has got to (stage, page), told to whoever supervises it.

A worker process reports its progress to the parent, so that a file killed for its time or memory
is recorded with the stage and page it had reached. Without a listener, noting costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable

_listener: Callable[[dict], None] | None = None


def listen(listener: Callable[[dict], None] | None) -> None:
    """Send every later `note` to `listener` (None stops listening)."""
    global _listener
    _listener = listener


def note(**where: object) -> None:
    """Tell the listener, if any, how far the current report has got (`stage=`, `page=`, `pages=`)."""
    if _listener is not None:
        _listener(where)


def describe(where: dict) -> str:
    """Given the last progress noted, return it as `in stage load at page 17 of 408`."""
    parts = []
    if where.get("stage"):
        parts.append(f"in stage {where['stage']}")
    if where.get("page"):
        parts.append(f"at page {where['page']}" + (f" of {where['pages']}" if where.get("pages") else ""))
    return " ".join(parts) or "before any stage started"
