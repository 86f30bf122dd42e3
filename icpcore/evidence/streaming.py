"""Streaming a file's chunks through validation into the writer: a helper thread reads and
validates ahead while the database writes, and the garbage collector rests meanwhile."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from queue import Full, Queue
from typing import TypeVar

from icpcore.evidence.convert import Chunk, ChunkContext
from icpcore.evidence.problems import ProblemLog
from icpcore.evidence.tables import convert_chunk
from icpcore.evidence.writer import TableWriter

T = TypeVar("T")


PIPELINE = True


def ahead(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Produce `items` in a helper thread, up to `depth` ahead of the consumer: reading and
    validating the next chunk overlaps with the database writing this one (SQLite and the
    PostgreSQL driver release the GIL while they work). Errors reach the consumer in order."""
    queue: Queue[tuple[str, object]] = Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        queue.put(("item", item), timeout=0.1)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(("end", None))
        except BaseException as exc:  # handed to the consumer, raised there
            queue.put(("error", exc))

    worker = threading.Thread(target=produce, name="evidence-reader", daemon=True)
    worker.start()
    try:
        while True:
            what, value = queue.get()
            if what == "end":
                return
            if what == "error":
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A chunk is millions of short-lived lists and strings without reference cycles: the cyclic
    garbage collector would only rescan them, so it rests while chunks stream (about 25% faster)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_chunks(
    chunks: Iterator[Chunk], context: ChunkContext, writer: TableWriter | None, *, file_name: str, order: dict[str, int]
) -> int:
    """Validate every chunk, write while all is clean; raise ImportRejected at the end if not."""
    log = ProblemLog(order)
    rows = 0
    converted = ((chunk.size, *convert_chunk(chunk, context)) for chunk in chunks)
    with _collector_paused():
        # The helper thread may not touch the session: asking the database for stored ids stays here.
        overlap = PIPELINE and context.stored_ids is None
        for size, table, problems in ahead(converted) if overlap else converted:
            if problems:
                log.add(problems)
            elif writer is not None and not log.total:
                writer.write(table)
            rows += size
    log.raise_if_any(file_name)
    if writer is not None:
        writer.finish()
    return rows
