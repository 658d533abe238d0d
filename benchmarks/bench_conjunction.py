"""What the search index could save on a broad AND of common words (issue Scale, search at 100,000 documents).

Builds a synthetic tantivy index like the store's (whitespace tokens, an integer fast field), N passages where two
words stand in 66% of them, and times a top-20 AND of those words: with the total (what `vnplan search` asks)
against without it (can tantivy skip blocks of an intersection when nothing needs every match?), and 8 searches
one after the other against the same 8 from two threads (does the binding release the GIL, so that one process
could use both cores?). Prints the ratios; one run, best of 5 for each timing.

    python benchmarks/bench_conjunction.py [N]      # N passages, default 1,000,000 (about a minute to build)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import tantivy


def build(path: str, n: int) -> tuple[Any, Any]:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("f", stored=False, tokenizer_name="ws", index_option="position")
    sb.add_integer_field("id", stored=False, fast=True, indexed=False)
    schema = sb.build()
    index = tantivy.Index(schema, path=path)
    index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    rnd = random.Random(1)
    vocab = [f"w{i}" for i in range(5000)]
    writer = index.writer(200_000_000, 1)
    for i in range(n):
        words = rnd.choices(vocab, k=rnd.randint(10, 60))
        if rnd.random() < 0.66:
            words += ["khoa", "hoc"] * rnd.randint(1, 3)
        rnd.shuffle(words)
        writer.add_document(tantivy.Document(f=" ".join(words), id=i))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, schema


def best(fn: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        index, schema = build(tmp, n)
        print(f"{n:,} passages indexed in {time.perf_counter() - started:.0f} s")
        searcher = index.searcher()
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, tantivy.Query.term_query(schema, "f", w))
                                             for w in ("khoa", "hoc")])
        total = searcher.search(query, 20, count=True).count
        with_count = best(lambda: searcher.search(query, 20, count=True))
        without = best(lambda: searcher.search(query, 20, count=False))
        print(f"AND of two words, {total:,} matches: top 20 with the total {with_count * 1000:.1f} ms, "
              f"without {without * 1000:.1f} ms (ratio {with_count / without:.2f})")
        one = best(lambda: [searcher.search(query, 20, count=True) for _ in range(8)], runs=2)
        with ThreadPoolExecutor(2) as pool:
            two = best(lambda: list(pool.map(lambda _: searcher.search(query, 20, count=True), range(8))), runs=2)
        print(f"8 searches one after the other {one * 1000:.0f} ms, from two threads {two * 1000:.0f} ms "
              f"(speed-up {one / two:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
