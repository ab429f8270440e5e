"""Parse documents and generated plans, printing each Plan record whole (every field of every section,
task and unit) as one JSON line: run by tests/test_compiled.py in a fresh process, once on the
installed package and once (--tree ROOT) on the .py sources of ROOT.

    python tests/_parse_outputs.py [--tree ROOT] FILE...

The first line says which form of the parser ran: {"compiled": true|false}.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import asdict
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from source_tree import import_from_tree  # noqa: E402  (bench/, put on the path above)

GENERATED_PLANS = 20


def main(argv: list[str]) -> None:
    if argv[:1] == ["--tree"]:
        import_from_tree(Path(argv[1]))
        argv = argv[2:]
    from bench_parse import generate_plan

    from policygraph.ingest import iter_documents, parse_text, parser_is_compiled

    print(json.dumps({"compiled": parser_is_compiled()}))
    for path, result in iter_documents([Path(p) for p in argv]):
        if isinstance(result, Exception):
            print(json.dumps({"doc": str(path), "error": str(result)}, ensure_ascii=False))
        else:
            print(json.dumps(asdict(result), ensure_ascii=False, default=str))
    rng = random.Random(11)
    for index in range(GENERATED_PLANS):
        print(json.dumps(asdict(parse_text(generate_plan(rng, index, 30))), ensure_ascii=False, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
