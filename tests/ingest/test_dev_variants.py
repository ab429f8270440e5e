"""The dev set's real plans (../shared/dev) rewritten the ways copies of a plan differ in the wild —
traditional script, half-width punctuation, page-number lines, indentation with CRLF, hard line wraps
as in text copied from a PDF, every line break lost as on a page run together — must read as the
originals do, or as near as the form allows. The texts are transformed here, at test
time; nothing of them is kept in the repository.

Reached: the first four as the originals (triples 0.997); hard wraps at 38 characters: triples 0.944
(tables wrapped mid-row are beyond repair; every prose form reads); run together: triples 0.809
(tables and label lines lose what set them apart; headings and brackets read).
"""

from __future__ import annotations

import json
import re

import pytest

from policygraph.ingest import parse_text
from policygraph.ingest.parse import plan_to_json
from policygraph.ingest.score import score_document, total

_HALF = str.maketrans("（）：；，", "():;,")


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _page_numbers(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(line + (f"\n— {k // 15 + 1} —" if k % 15 == 14 else "") for k, line in enumerate(lines))


def _indented_crlf(text: str) -> str:
    return "\r\n".join("\u3000\u3000" + line for line in text.split("\n"))


def _wrapped(text: str, width: int = 38) -> str:
    return "\n".join(
        line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width)
    )


def _run_together(text: str) -> str:
    return text.replace("\n", "")


def _same(text: str) -> str:
    return text


# variant -> (document transform, gold unit transform, triple F1 bar)
VARIANTS = {
    "traditional script": (_traditional, _traditional, 0.99),
    "half-width punctuation": (lambda t: t.translate(_HALF), lambda u: u.translate(_HALF), 0.99),
    "page-number lines": (_page_numbers, _same, 0.99),
    "indented, CRLF": (_indented_crlf, _same, 0.99),
    "hard-wrapped at 38": (_wrapped, _same, 0.92),
    "run together": (_run_together, _same, 0.80),
}


@pytest.fixture(scope="module")
def dev_documents(shared_dir):
    dev = shared_dir / "dev"
    if not (dev / "docs").is_dir() or not (dev / "gold").is_dir():
        pytest.skip(f"no dev set at {dev} (docs/ and gold/; set POLICYGRAPH_SHARED to the shared/ folder)")
    documents = []
    for gold_file in sorted((dev / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        documents.append(((dev / "docs" / gold["doc"]).read_text("utf-8"), gold))
    return documents


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_dev_plans_read_the_same_in_another_form(dev_documents, variant):
    transform, unit_transform, bar = VARIANTS[variant]
    scores = []
    for text, gold in dev_documents:
        gold = {
            **gold,
            "tasks": [
                {
                    **t,
                    **{
                        role: [unit_transform(u) for u in t.get(role, [])]
                        for role in ("lead", "support", "joint")
                    },
                }
                for t in gold["tasks"]
            ],
        }
        predicted = plan_to_json(parse_text(transform(text), gold["doc"]))
        scores.append(score_document(predicted, gold))
    tasks, triples = total(scores)
    print(f"{variant}: tasks F1 {tasks.f1:.3f}, triples F1 {triples.f1:.3f}")
    assert triples.gold > 500  # the whole dev gold was read
    assert tasks.f1 >= bar and triples.f1 >= bar


def test_the_wrap_transform_really_breaks_lines(dev_documents):
    wrapped = _wrapped(dev_documents[0][0])
    assert max(map(len, wrapped.split("\n"))) <= 38 and re.search(r"[^。；;:：]\n", wrapped)
