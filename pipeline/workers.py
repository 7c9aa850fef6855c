"""Run one function per file in worker processes, each under a wall-time and a memory limit.

The parent supervises: it starts up to N children (forked, so each starts from the parent's warm,
identical state: imports, jieba's dictionary, spaCy), reads their progress (stage, page) over a pipe,
and kills a child past its time or memory. A child returns its result (a Report) and never touches
the database; the parent alone writes SQLite. The work function is an ordinary picklable
`item -> result` function, so a cluster scheduler (Dask's `client.map`) can run the same function.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

import psutil

from pipeline import progress

# Default wall time of one file: a base, plus time per page (known once the file is opened) and per MB.
BASE_SECONDS = 120.0
SECONDS_PER_PAGE = 3.0
SECONDS_PER_MB = 10.0
# Default memory of one file (unique to its worker, beyond what it shares with the parent).
BASE_MEMORY_MB = 1024.0
MEMORY_MB_PER_PAGE = 2.0
MEMORY_PER_FILE_BYTE = 8.0  # a text file costs several times its size once decoded, cleaned and segmented
# How often the parent looks at its children's clocks and memory.
POLL_SECONDS = 0.2
# The address-space backstop inside the child, on top of its limit (the parent's watch is the real limit).
ADDRESS_SPACE_SLACK_MB = 512.0
MB = 1024 * 1024
# Set by a SIGTERM handler: the supervisor stops between polls and kills its children.
STOP = threading.Event()


def stop_if_asked() -> None:
    """Raise SystemExit (143, as SIGTERM) when a stop was asked for."""
    if STOP.is_set():
        raise SystemExit(128 + signal.SIGTERM)


@dataclass(frozen=True)
class Limits:
    """Per-file limits: fixed when given (--timeout, --max-memory), else scaled by pages and bytes."""

    timeout: float | None = None  # seconds
    memory_mb: float | None = None

    def seconds_for(self, size: int, pages: int | None) -> float:
        """Return the wall time allowed for a file of `size` bytes and `pages` pages."""
        if self.timeout is not None:
            return self.timeout
        return BASE_SECONDS + SECONDS_PER_PAGE * (pages or 0) + SECONDS_PER_MB * size / MB

    def memory_mb_for(self, size: int, pages: int | None) -> float:
        """Return the memory (MB) allowed for a file of `size` bytes and `pages` pages."""
        if self.memory_mb is not None:
            return self.memory_mb
        return BASE_MEMORY_MB + MEMORY_MB_PER_PAGE * (pages or 0) + MEMORY_PER_FILE_BYTE * size / MB


@dataclass
class Killed:
    """A file whose worker was stopped or died: why (timeout | memory | crash) and how far it got."""

    reason: str
    message: str
    where: dict = field(default_factory=dict)


@dataclass
class Job:
    """One running child: its item, process, pipe, clock, progress and memory."""

    item: object
    size: int
    process: multiprocessing.Process
    conn: Connection
    started: float
    where: dict = field(default_factory=dict)
    peak_mb: float = 0.0


def set_parent_death_signal() -> None:
    """Ask Linux to kill this child if the parent dies (a killed run leaves no orphan working on)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def limit_address_space(memory_mb: float) -> None:
    """Cap the child's address space at its current size plus twice its limit and some slack (a backstop)."""
    current = psutil.Process().memory_info().vms
    cap = int(current + (2 * memory_mb + ADDRESS_SPACE_SLACK_MB) * MB)  # pages may raise the parent's limit later
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def child_main(conn: Connection, work: Callable[[object], object], item: object, memory_mb: float) -> None:
    """In the child: apply the limits, run the work, send progress and then the result to the parent."""
    set_parent_death_signal()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    progress.listen(lambda where: conn.send(("progress", where)))
    try:
        limit_address_space(memory_mb)
        result = work(item)
        progress.listen(None)
        conn.send(("result", result))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which records it
        progress.listen(None)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        conn.send(("error", detail))
    finally:
        conn.close()


def unique_memory_mb(pid: int) -> float:
    """Return the memory a process holds for itself (USS: not shared with its parent), in MB."""
    try:
        return psutil.Process(pid).memory_full_info().uss / MB
    except (psutil.Error, OSError):
        return 0.0


def death_message(process: multiprocessing.Process) -> str:
    """Return how a child that sent no result ended (exit code or signal)."""
    code = process.exitcode
    if code is not None and code < 0:
        return f"worker process killed by signal {signal.Signals(-code).name}"
    return f"worker process exited with code {code} before returning a result"


class Supervisor:
    """Run `work` on items in up to `workers` child processes under `limits`; yield (item, result or Killed)."""

    def __init__(self, work: Callable[[object], object], limits: Limits, workers: int = 1, size_of: Callable[[object], int] = lambda item: 0):
        self.work, self.limits, self.workers, self.size_of = work, limits, max(1, workers), size_of
        self.context = multiprocessing.get_context("fork")  # children inherit the warm, identical parent state
        self.running: dict[Connection, Job] = {}
        self.peak_mb = 0.0

    def start(self, item: object) -> None:
        """Fork a child for one item."""
        size = self.size_of(item)
        parent_end, child_end = self.context.Pipe(duplex=False)
        memory = self.limits.memory_mb_for(size, None)
        process = self.context.Process(target=child_main, args=(child_end, self.work, item, memory), daemon=True)
        process.start()
        child_end.close()
        self.running[parent_end] = Job(item, size, process, parent_end, time.monotonic())

    def finish(self, job: Job) -> None:
        """Forget a child, reaping it."""
        self.running.pop(job.conn, None)
        job.conn.close()
        job.process.join(timeout=5)
        if job.process.is_alive():
            job.process.kill()
            job.process.join()

    def kill(self, job: Job, reason: str, message: str) -> tuple[object, Killed]:
        """Kill a child over its limit and return its item with what happened."""
        job.process.kill()
        self.finish(job)
        return job.item, Killed(reason, f"{message} {progress.describe(job.where)}", dict(job.where))

    def receive(self, job: Job) -> tuple[object, object] | None:
        """Read one message from a child; return (item, outcome) when the child is done."""
        try:
            kind, payload = job.conn.recv()
        except (EOFError, OSError):
            job.process.join(timeout=5)
            self.finish(job)
            return job.item, Killed("crash", f"{death_message(job.process)} {progress.describe(job.where)}", dict(job.where))
        if kind == "progress":
            job.where.update(payload)
            return None
        self.finish(job)
        if kind == "error":
            return job.item, Killed("crash", f"worker error {payload} {progress.describe(job.where)}", dict(job.where))
        return job.item, payload

    def check_limits(self, job: Job) -> tuple[object, Killed] | None:
        """Kill a child past its wall time or memory; return what happened, or None if it is within both."""
        pages = job.where.get("pages")
        allowed = self.limits.seconds_for(job.size, pages)
        if time.monotonic() - job.started > allowed:
            return self.kill(job, "timeout", f"timeout after {allowed:.0f} s")
        used = unique_memory_mb(job.process.pid)
        job.peak_mb = max(job.peak_mb, used)
        self.peak_mb = max(self.peak_mb, used)
        limit = self.limits.memory_mb_for(job.size, pages)
        if used > limit:
            return self.kill(job, "memory", f"memory limit: {used:,.0f} MB used, over the limit of {limit:,.0f} MB,")
        return None

    def run(self, items: Iterable[object]) -> Iterator[tuple[object, object]]:
        """Yield (item, result or Killed) for every item, in the order they finish."""
        pending = iter(items)
        exhausted = False
        try:
            while True:
                while not exhausted and len(self.running) < self.workers:
                    item = next(pending, None)
                    if item is None:
                        exhausted = True
                        break
                    self.start(item)
                if not self.running:
                    return
                for conn in wait(list(self.running), timeout=POLL_SECONDS):
                    job = self.running.get(conn)
                    if job is not None and (done := self.receive(job)) is not None:
                        yield done
                for job in list(self.running.values()):
                    if (done := self.check_limits(job)) is not None:
                        yield done
                stop_if_asked()
        finally:
            for job in list(self.running.values()):  # the run was stopped: leave no child behind
                job.process.kill()
                self.finish(job)
