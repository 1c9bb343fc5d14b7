"""Run one function over many files in worker processes, each file within time and memory limits.

:func:`run_batch` is the engine of every multi-file command (``dataset``, multi-file ``parse``
and ``validate``, ``render --output-dir``). Each worker is a process of its own, reused from file
to file so that the common case stays fast, with its address space capped at what it inherited
plus :attr:`Limits.memory_per_file_bytes <govinfo_report.limits.Limits.memory_per_file_bytes>`; a
file that runs past :attr:`~govinfo_report.limits.Limits.seconds_per_file`, exhausts the memory
or crashes the worker (a C library's segmentation fault) is one failed :class:`Outcome` with its
reason, the worker is replaced and the batch goes on.

Workers die with their parent (``PR_SET_PDEATHSIG`` on Linux) and ignore Ctrl-C: the parent
alone handles it, kills every worker at once, removes what the files in flight left behind (the
``cleanup`` callback) and lets the ``KeyboardInterrupt`` through, so that the caller prints what
was done and exits 130. :func:`terminate_as_interrupt` makes SIGTERM behave the same way.

Example::

    >>> from govinfo_report.batch import run_batch
    >>> [o.value for o in sorted(run_batch(abs, [-1, -2], workers=1), key=lambda o: o.index)]
    [1, 2]
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

import attrs

from ..errors import GovInfoReportError
from ..limits import Limits, default_limits

__all__ = ["Outcome", "run_batch", "terminate_as_interrupt"]

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen
class Outcome(Generic[R]):
    """The result of one item of a batch.

    Attributes:
        index: the item's position in the input.
        value: what the function returned (``None`` when it failed).
        error: why it failed (bilingual), or ``None``.
        seconds: the time the worker spent on it.

    Examples:
        >>> Outcome(0, 3, None, 0.1).ok
        True
    """

    index: int
    value: R | None
    error: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the item was processed."""
        return self.error is None


def _die_with_parent() -> None:  # pragma: no cover - runs in the worker
    """Ask Linux to kill this worker when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _address_space() -> int:  # pragma: no cover - runs in the worker
    """This process's virtual memory size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _describe(exc: BaseException) -> str:
    if isinstance(exc, GovInfoReportError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "内存不足（超出单个文件的内存上限）/ out of memory (past the per-file memory limit)"
    if isinstance(exc, OSError):
        return f"{type(exc).__name__}: {exc}"
    return f"内部错误 / internal error: {type(exc).__name__}: {exc}"


def _worker(conn: Connection, func: Callable[[Any], Any], memory: int) -> None:  # pragma: no cover
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    faulthandler.disable()  # a crash is reported as the file's failure, not as a traceback
    _die_with_parent()
    if memory > 0:  # on top of what the worker inherited from its parent at the fork
        with contextlib.suppress(ValueError, OSError):
            bound = _address_space() + memory
            resource.setrlimit(resource.RLIMIT_AS, (bound, bound))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        start = time.perf_counter()
        try:
            reply: tuple[Any, Any, str | None] = (index, func(item), None)
        except BaseException as exc:  # one file's failure is a row, never the worker's end
            reply = (index, None, _describe(exc))
        try:
            conn.send((*reply, time.perf_counter() - start))
        except Exception as exc:  # a value that cannot be sent back
            conn.send((index, None, _describe(exc), time.perf_counter() - start))


class _Slot:
    """One worker process and the item it is working on."""

    def __init__(self, context: Any, func: Callable[[Any], Any], memory: int) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, func, memory), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def give(self, index: int, item: Any) -> None:
        self.conn.send((index, item))
        self.index, self.started = index, time.monotonic()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=1)
        self.conn.close()


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return f"处理进程崩溃（{name}）/ the worker crashed ({name})"
    return f"处理进程意外退出（{code}）/ the worker exited unexpectedly ({code})"


def run_batch(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    limits: Limits | None = None,
    cleanup: Callable[[T], None] | None = None,
) -> Iterator[Outcome[R]]:
    """Apply ``func`` to every item in worker processes; yield the outcomes as they complete.

    Args:
        func: a module-level function (it runs in the workers).
        items: the work; each item is sent to a worker.
        workers: the number of processes (the number of CPUs when ``None``, never more than
            there are items).
        limits: ``seconds_per_file`` and ``memory_per_file_bytes`` bound each item.
        cleanup: called in this process with each item whose worker was killed (time limit,
            crash, interrupt), e.g. to remove a temporary file it left.

    Raises:
        KeyboardInterrupt: after killing every worker, when the batch is interrupted.

    Examples:
        >>> from govinfo_report.batch import run_batch
        >>> outcomes = sorted(run_batch(abs, [-3, 4], workers=1), key=lambda o: o.index)
        >>> [(o.index, o.ok, o.value) for o in outcomes]
        [(0, True, 3), (1, True, 4)]
    """
    limits = limits or default_limits()
    count = min(workers or os.cpu_count() or 1, len(items))
    if count < 1:
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pending = deque(enumerate(items))
    slots: list[_Slot] = []

    def feed(slot: _Slot) -> None:
        slot.index = None
        if pending:
            slot.give(*pending.popleft())

    def lost(slot: _Slot, reason: str) -> Outcome[R]:
        index = slot.index
        assert index is not None
        slot.kill()
        if cleanup is not None:
            cleanup(items[index])
        seconds = time.monotonic() - slot.started
        return Outcome(index, None, reason, seconds)

    try:
        for _ in range(count):
            slots.append(_Slot(context, func, limits.memory_per_file_bytes))
            feed(slots[-1])
        while True:
            busy = [slot for slot in slots if slot.index is not None]
            if not busy:
                break
            deadline = min(slot.started for slot in busy) + limits.seconds_per_file
            timeout = max(0.0, min(deadline - time.monotonic(), 0.5))
            ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout))
            now = time.monotonic()
            for slot in busy:
                outcome: Outcome[R] | None = None
                replace = False
                if slot.conn in ready:
                    try:
                        index, value, error, seconds = slot.conn.recv()
                        outcome = Outcome(index, value, error, seconds)
                    except (EOFError, OSError):
                        outcome, replace = lost(slot, _exit_reason(slot.process.exitcode)), True
                elif slot.process.sentinel in ready:
                    slot.process.join(timeout=1)
                    outcome, replace = lost(slot, _exit_reason(slot.process.exitcode)), True
                elif now - slot.started > limits.seconds_per_file:
                    reason = (
                        f"超出单个文件的时间上限（{limits.seconds_per_file} 秒）/ "
                        f"over the time limit per file ({limits.seconds_per_file} s)"
                    )
                    outcome, replace = lost(slot, reason), True
                if outcome is None:
                    continue
                if replace:
                    fresh = _Slot(context, func, limits.memory_per_file_bytes)
                    slots[slots.index(slot)] = fresh
                    slot = fresh  # noqa: PLW2901 - the slot is replaced in place
                feed(slot)
                yield outcome
    finally:
        for slot in slots:
            if slot.index is not None and cleanup is not None:
                with contextlib.suppress(Exception):
                    cleanup(items[slot.index])
            with contextlib.suppress(Exception):
                slot.kill()


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises ``KeyboardInterrupt`` (so batches stop and clean up).

    Examples:
        >>> with terminate_as_interrupt():
        ...     pass
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave SIGTERM alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
