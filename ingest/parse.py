"""The public entry points: parse text or files into Plans, and Plans into JSON objects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from policygraph.errors import InputError, PolicygraphError
from policygraph.ingest.assemble import build_plan
from policygraph.ingest.clean import clean, page_metadata
from policygraph.ingest.readers import document_paths, read_document
from policygraph.ingest.records import Plan


def parser_is_compiled() -> bool:
    """Whether the parsing modules run compiled: `pip install .` compiles them with mypyc when it can
    (setup.py); an editable install never does."""
    from policygraph.ingest import extract

    return Path(extract.__file__).suffix != ".py"


def parse_text(text: str, source: str = "") -> Plan:
    """Plan of a document's raw text (pure: no I/O). Cost: linear, ~1 ms per 10 KB."""
    return build_plan(clean(text), source, page_metadata(text))


def parse_file(path) -> Plan:
    """Plan of one file. Raises InputError naming the file when it is unreadable, empty, binary,
    wrongly encoded, or holds no task."""
    raw = read_document(path)
    plan = parse_text(raw, str(path))
    if not plan.cleaned_text.strip():
        raise InputError(path, "no text left after removing page chrome")
    if not plan.tasks:
        raise InputError(
            path, "no tasks found (no numbered or bulleted measures, no 牵头/责任单位 assignments)"
        )
    return plan


def expand_paths(paths: Iterable) -> list[Path]:
    """Files named, and every .txt/.docx/.html/.htm/.pdf under directories named, in sorted order;
    a sub-folder that cannot be listed comes as an entry of its own, so reading it says so."""
    out: list[Path] = []
    for path in map(Path, paths):
        out.extend(document_paths(path) if path.is_dir() else [path])
    return out


class Document(NamedTuple):
    """One parsed file: unpacks as (path, Plan | InputError); `.plan` / `.error` give either side."""

    path: Path
    result: Plan | InputError

    @property
    def plan(self) -> Plan | None:
        return None if isinstance(self.result, Exception) else self.result

    @property
    def error(self) -> InputError | None:
        return self.result if isinstance(self.result, Exception) else None


def iter_documents(paths: Iterable) -> Iterator[Document]:
    """(path, Plan) or (path, InputError) for every document; a bad file never stops the batch."""
    for path in expand_paths(paths):
        try:
            yield Document(path, parse_file(path))
        except InputError as exc:
            yield Document(path, exc)
        except (PolicygraphError, OSError, ValueError) as exc:
            yield Document(path, InputError(path, f"could not be parsed ({exc})"))
        except Exception as exc:  # a parser bug on one file must not stop a batch of many
            yield Document(path, parser_failure(path, exc))


def parser_failure(path, exc: Exception) -> InputError:
    """The InputError for a file the parser itself failed on (a bug: the message asks for a report)."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return InputError(
        path,
        f"the parser failed on this file ({type(exc).__name__}: {detail}); please report it with the file",
    )


def plan_to_json(plan: Plan) -> dict:
    """The `parse --format json` object: the gold schema's fields plus provenance and canonical units."""
    return {
        "doc": Path(plan.source).name if plan.source else "",
        "source": plan.source,
        "id": plan.id,
        "title": plan.title,
        "jurisdiction": plan.jurisdiction,
        "level": plan.level,
        "period": plan.period,
        "doc_number": plan.doc_number,
        "parents": list(plan.parents),
        "sections": [
            {
                "path": s.path,
                "title": s.title,
                "kind": s.kind,
                "span": list(s.span),
                "assignment_text": s.assignment_text,
            }
            for s in plan.sections
        ],
        "tasks": [
            {
                "id": t.path,
                "section": t.section,
                "section_path": t.section_path,
                "title": t.title,
                "lead": t.lead,
                "support": t.support,
                "joint": t.joint,
                "vague": list(t.vague),
                "leaders": list(t.leaders),
                "deadline": t.deadline,
                "note": t.note,
                "span": list(t.span),
                "assignment_text": t.assignment_text,
                "units": [
                    {
                        "name": a.unit.name,
                        "canonical": a.unit.canonical,
                        "type": a.unit.unit_type,
                        "role": a.role,
                        "inherited": a.inherited,
                    }
                    for a in t.assignments
                ],
            }
            for t in plan.tasks
        ],
    }
