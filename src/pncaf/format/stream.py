"""Work over a whole network one file at a time, so that memory stays flat at any size.

A national repository holds ten thousand conventions; a loaded one (text, data with
positions, model) weighs about 140 KB, so no command may keep them all. Every network
command instead gives `each_convention` a function that turns one loaded, valid convention
into the little it needs (a table row, agenda items, a page written to disk) and keeps
only that. From `PARALLEL_FROM` files on, the files are read by a pool of processes
(`fork`: the workers start with everything imported and with the function itself, which
therefore need not be picklable); results come back in file order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pncaf.format.loader import Loaded, load_file_quickly

T = TypeVar("T")
R = TypeVar("R")

#: From this many files on, the work is spread over the available cores.
PARALLEL_FROM = 64
#: At most this many files handed to a worker at a time.
CHUNK = 64


@dataclass(frozen=True)
class Skipped:
    """A file left out because it is not a valid convention: what the user is told."""

    file: str
    id: str
    errors: int


@dataclass(frozen=True)
class Valid(Generic[T]):
    file: str
    id: str
    value: T


def workers_for(count: int) -> int:
    if count < PARALLEL_FROM or "fork" not in _start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def each_convention(files: Sequence[Path], compute: Callable[[Loaded], T],
                    workers: int | None = None) -> Iterator[Valid[T] | Skipped]:
    """`compute` over each valid convention of `files`, in file order; invalid files come
    as `Skipped`. Only what `compute` returns is kept: the loaded file is dropped at once.
    `compute` gets the model, not where each value is written: a plain valid file is read
    without its map of positions (`load_file_quickly`)."""
    def one(path: Path) -> Valid[T] | Skipped:
        loaded = load_file_quickly(path)
        if loaded.convention is None:
            return Skipped(loaded.file, loaded.id, len(loaded.errors))
        return Valid(loaded.file, loaded.id, compute(loaded))

    return each_file(files, one, workers)


def each_file(files: Sequence[Path], work: Callable[[Path], R],
              workers: int | None = None) -> Iterator[R]:
    """`work(path)` for each file, in order, by a pool of forked processes when there are
    many files (`workers`: default from their number)."""
    count = workers_for(len(files)) if workers is None else workers
    if count <= 1 or len(files) < 2:
        for path in files:
            yield work(path)
        return
    import multiprocessing

    global _work
    _work = work
    context = multiprocessing.get_context("fork")
    # each chunk handed out and its results taken back cost the parent's pool threads
    # about a millisecond whatever its size: 64 files at a time (a fifth of a second of a
    # worker's work for `report`, its slowest), not 16, took `report`'s parent 0.16 → 0.07
    # ms of CPU a file, while still eight chunks a worker at 1,000 files
    chunk = max(1, min(CHUNK, len(files) // (count * 8)))
    try:
        with stop_on_sigterm(), context.Pool(count, initializer=start_worker) as pool:
            yield from pool.imap(_run, files, chunksize=chunk)
    finally:
        _work = None


def each_item(items: Iterable[T], work: Callable[[T], R], batch: int = 512) -> Iterator[R]:
    """`work(item)` for each item, in order, where the items come as a stream of unknown
    length (`pncaf diff`'s pairs of versions, as git names them): from
    `PARALLEL_FROM` items on, by forked workers, a batch at a time, so that the items are
    never all held. The next batch is handed out before the results of the current one are
    taken, so that the workers never wait for the parent between two batches."""
    from itertools import islice

    iterator = iter(items)
    first = list(islice(iterator, PARALLEL_FROM))
    count = workers_for(len(first))
    if count <= 1:
        yield from map(work, first)
        yield from map(work, iterator)
        return
    import multiprocessing

    global _work
    _work = work                                    # type: ignore[assignment]
    context = multiprocessing.get_context("fork")
    try:
        with stop_on_sigterm(), context.Pool(count, initializer=start_worker) as pool:
            def start(chunk: list[T]) -> Iterator[R]:
                # a few tasks per worker and batch, no more: each task costs the parent's
                # pool threads about 0.7 ms (10,000 pairs of `pncaf diff` handed out 8 at
                # a time took 1.5 s of the parent's CPU, 0.8 s 32 at a time)
                size = max(1, min(32, len(chunk) // (count * 4)))
                return pool.imap(_run, chunk, chunksize=size)  # type: ignore[arg-type]

            current = start(first)
            while True:
                chunk = list(islice(iterator, batch))
                following = start(chunk) if chunk else None
                yield from current
                if following is None:
                    break
                current = following
    finally:
        _work = None


_work: Callable[[Path], object] | None = None


def _run(path: Path) -> object:
    assert _work is not None, "each_file's workers are forked with their work"
    return _work(path)


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the run, `timeout`) stops the parent like Ctrl-C: the
    pool is terminated on the way out, instead of the workers finding their pipe closed and
    each printing a traceback."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:                  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


#: A worker's first generation of the cyclic garbage collector is collected after this
#: many new containers, not Python's 700: reading a convention makes thousands (its
#: mappings, lists and models), all freed by reference counting as soon as the file is
#: done, so collecting every 700 only walked live ones again (4 % of `check`'s work).
WORKER_GC_THRESHOLD = 10_000


def start_worker() -> None:
    """What each forked worker does first: leave interrupts to the parent
    (`ignore_interrupts`), and spare the garbage collector the objects inherited from the
    parent (`gc.freeze`: never collectable, they are not walked again at each full
    collection, which also wrote into every page the worker shared with its parent) and
    the frequent walks of a file's short-lived objects."""
    import gc

    ignore_interrupts()
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal's group: let the parent stop the pool
    and say so once, instead of each worker printing a traceback. SIGTERM ends a worker
    at once (the parent's handler is not inherited)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def valid_values(outcomes: Iterator[Valid[T] | Skipped],
                 on_skipped: Callable[[Skipped], None]) -> list[T]:
    """The values of the valid conventions; each skipped file is told to `on_skipped`."""
    values: list[T] = []
    for outcome in outcomes:
        if isinstance(outcome, Skipped):
            on_skipped(outcome)
        else:
            values.append(outcome.value)
    return values
