"""Malformed roster files: each gets a clear error (where, what, the fix) and writes nothing.

tests/test_loaders.py already covers Windows-1252 and UTF-16 files, the UTF-8
BOM, an empty file, a duplicate id (bad_capabilities.csv) and a ragged row.
This file adds the rest: duplicate headers, duplicate ids far apart and in a
workbook, huge cells and header cells, an unclosed quote, a header without
rows, blank files, binary files and broken workbooks. Every rejection leaves
the graph exactly as it was.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from loaders import load_file, load_frame
from loaders.checking import MAX_CELL
from service.errors import ImportRejected
from service.store.graph import Graph
from tests.conftest import counts

HEAD = "id,name,sector,type,verified_on"
ROW = "{id},{name},LAW_ENFORCEMENT,POLICE,2025-01-01"


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def rejects(graph: Graph, path: Path, kind: str = "organizations") -> list[str]:
    """The problems, as the user reads them; asserts that nothing was written."""
    before = counts(graph)
    with pytest.raises(ImportRejected) as caught:
        load_file(graph, kind, path)
    assert counts(graph) == before
    assert caught.value.message.startswith(f"{path.name}: ")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("header", [
    "id,name,sector,type,name,verified_on",
    "id,Name,sector,type, name ,verified_on",  # the same column after trimming and lower-casing
])
def test_a_duplicate_header_is_named_and_nothing_is_written(graph: Graph, tmp_path: Path, header: str) -> None:
    path = _write(tmp_path, "organizations.csv", f"{header}\na,A,LAW_ENFORCEMENT,POLICE,B,2025-01-01\n")
    assert rejects(graph, path) == ["organizations.csv line 1, column name: appears twice in the header; keep one"]


def test_duplicate_ids_in_different_chunks_are_reported_with_both_lines(graph: Graph, tmp_path: Path) -> None:
    rows = [ROW.format(id=f"org-{n}", name=f"Org {n}") for n in range(25_000)]
    rows.append(ROW.format(id="org-7", name="Org 7 again"))  # line 25,002 repeats line 9
    path = _write(tmp_path, "organizations.csv", HEAD + "\n" + "\n".join(rows) + "\n")
    assert rejects(graph, path) == [
        'organizations.csv line 25002, column id: "org-7" appears twice: also on line 9; ids must be unique in a file']


def test_duplicate_ids_in_a_workbook_are_rejected_like_csv(graph: Graph, tmp_path: Path) -> None:
    frame = pd.DataFrame([{"id": "a", "name": "A", "sector": "LAW_ENFORCEMENT", "type": "POLICE",
                           "verified_on": "2025-01-01"}] * 2)
    path = tmp_path / "organizations.xlsx"
    frame.to_excel(path, index=False)
    assert rejects(graph, path) == [
        'organizations.xlsx line 3, column id: "a" appears twice: also on line 2; ids must be unique in a file']


def test_a_huge_cell_is_rejected_with_its_size_and_the_likely_cause(graph: Graph, tmp_path: Path) -> None:
    path = _write(tmp_path, "organizations.csv",
                  f"{HEAD},notes\n" + ROW.format(id="a", name="A") + "," + "x" * 2_000_000 + "\n")
    [problem] = rejects(graph, path)
    assert problem.startswith('organizations.csv line 2, column notes: "xxxx')
    assert f"is 2,000,000 characters long; a cell holds at most {MAX_CELL:,}" in problem
    assert "a quote that is opened and never closed" in problem


def test_a_cell_at_the_limit_is_accepted(graph: Graph, tmp_path: Path) -> None:
    path = _write(tmp_path, "organizations.csv",
                  f"{HEAD},notes\n" + ROW.format(id="a", name="A") + "," + "x" * MAX_CELL + "\n")
    assert load_file(graph, "organizations", path).created == 1


def test_a_huge_cell_from_the_api_is_refused_the_same_way(graph: Graph) -> None:
    frame = pd.DataFrame([{"id": "a", "name": "A" * (MAX_CELL + 1), "sector": "LAW_ENFORCEMENT",
                           "type": "POLICE", "verified_on": "2025-01-01"}], dtype=object)
    with pytest.raises(ImportRejected) as caught:
        load_frame(graph, "organizations", frame, source="organization change")
    assert [p.column for p in caught.value.problems] == ["name"]
    assert counts(graph).get("Organization", 0) == 0


def test_a_huge_header_cell_is_a_clear_error_not_a_crash(graph: Graph, tmp_path: Path) -> None:
    path = _write(tmp_path, "organizations.csv", HEAD + "," + "h" * 200_000 + "\n" + ROW.format(id="a", name="A") + "\n")
    [problem] = rejects(graph, path)
    assert problem.startswith("organizations.csv line 1: the header line cannot be read as CSV")
    assert "refgraph template organizations" in problem


def test_an_unclosed_quote_names_the_line_where_it_opens(graph: Graph, tmp_path: Path) -> None:
    path = _write(tmp_path, "organizations.csv", "\n".join([
        HEAD, ROW.format(id="a", name="A"), ROW.format(id="b", name="B"),
        ROW.format(id="c", name='"Quoted, never closed'), ROW.format(id="d", name="D")]) + "\n")
    [problem] = rejects(graph, path)
    assert problem.startswith("organizations.csv line 4: cannot be read as CSV")
    assert "check the quotes and the number of commas" in problem


def test_a_header_without_rows_says_to_add_rows(graph: Graph, tmp_path: Path) -> None:
    path = _write(tmp_path, "organizations.csv", HEAD + "\n")
    assert rejects(graph, path) == [("organizations.csv line 1: the file has a header but no rows; "
                                     "add rows below it (see `refgraph template organizations`)")]


@pytest.mark.parametrize("data", [b"\n\n\n", b"\xef\xbb\xbf", b"  \n", b",,,\n"], ids=["blank lines", "bom only",
                                                                                        "spaces", "empty header"])
def test_files_without_a_header_are_empty(graph: Graph, tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "organizations.csv", data)
    assert rejects(graph, path) == [
        "organizations.csv line 1: the file is empty; start from `refgraph template organizations`"]


def test_windows_line_endings_and_a_bom_load(graph: Graph, tmp_path: Path) -> None:
    text = "\r\n".join([HEAD, ROW.format(id="a", name="A"), ROW.format(id="b", name="B")]) + "\r\n"
    path = _write(tmp_path, "organizations.csv", b"\xef\xbb\xbf" + text.encode())
    assert load_file(graph, "organizations", path).created == 2


def _zip() -> bytes:
    """A tiny workbook-like zip, byte for byte the same on every run: with the clock's time in
    its header, some runs had a newline byte before the first non-UTF-8 one (line 2, not 1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("xl/workbook.xml", date_time=(2020, 1, 1, 0, 0, 0)), "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize("data", [_zip(), b"\x89PNG\r\n\x1a\n" + bytes(range(256))], ids=["workbook as csv", "png"])
def test_a_binary_file_named_csv_is_rejected_as_not_utf8(graph: Graph, tmp_path: Path, data: bytes) -> None:
    [problem] = rejects(graph, _write(tmp_path, "organizations.csv", data))
    assert problem.startswith("organizations.csv line 1: ")
    assert "the file is not UTF-8 text" in problem and "CSV UTF-8" in problem


@pytest.mark.parametrize("data", [b"not a workbook", (HEAD + "\n").encode(), _zip()],
                         ids=["text", "csv named xlsx", "zip without a sheet"])
def test_a_broken_workbook_is_a_clear_error_not_a_crash(graph: Graph, tmp_path: Path, data: bytes) -> None:
    [problem] = rejects(graph, _write(tmp_path, "organizations.xlsx", data))
    assert problem == ("organizations.xlsx line 1: cannot be opened as an Excel workbook; "
                       "save it again from Excel as .xlsx, or as CSV UTF-8")


def test_an_empty_workbook_sheet_is_rejected(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "organizations.xlsx"
    pd.DataFrame(columns=["id", "name", "sector", "type", "verified_on"]).to_excel(path, index=False)
    assert rejects(graph, path) == [("organizations.xlsx line 1: the file has a header but no rows; "
                                     "add rows below it (see `refgraph template organizations`)")]


def test_control_characters_and_overlong_ids_are_rejected_by_cell(graph: Graph) -> None:
    import pandas as pd

    from loaders import load_frame
    from service.errors import ImportRejected

    frame = pd.DataFrame([
        {"id": "ok-org", "name": "Bad\x00Name", "sector": "SERVICE_PROVIDER", "type": "OTHER", "verified_on": "2026-11-01"},
        {"id": "x" * 201, "name": "Long id", "sector": "SERVICE_PROVIDER", "type": "OTHER", "verified_on": "2026-11-01"},
    ])
    with pytest.raises(ImportRejected) as caught:
        load_frame(graph, "organizations", frame, source="orgs.csv")
    report = caught.value.report()
    assert 'orgs.csv line 2, column name: "Bad?Name" holds a control character' in report
    assert "orgs.csv line 3, column id:" in report and "up to 200" in report
    assert counts(graph) == {}
