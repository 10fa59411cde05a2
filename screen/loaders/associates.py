"""Reading an associates file (people linked to listed entries) with line-numbered errors.

The file is reference data the screening relies on, so a broken row is not skipped:
it stops the run (exit 3) naming the file, the line and what is wrong, e.g. an
unquoted comma in ``Li, Jun`` that makes one field too many.
"""

from __future__ import annotations

from pathlib import Path

from screen.batch.lines import CsvRecords, LineSource
from screen.errors import InputError, os_error_message

REQUIRED = "person"
ENTITY_COLUMNS = ("entity_id", "entity_name")
HEADER_HINT = "Add a header row: entity_id,entity_name,person,role."


def read_associates(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line, row by lower-case column) pairs of an associates CSV; InputError if broken."""
    try:
        with path.open("rb") as stream:
            records = CsvRecords(LineSource(stream, "utf-8-sig"), ",", "UTF-8")
            rows = iter(records)
            header = next(rows, None)
            if header is None:
                raise InputError(f"Associates file {path} is empty.", HEADER_HINT)
            columns = [c.strip().lower() for c in header.fields]
            _check_header(path, columns)
            return [(r.line, _row(path, r.line, columns, r.fields, r.error)) for r in rows]
    except FileNotFoundError:
        raise InputError(
            f"Associates file {path} does not exist.", "Check the path given to --associates."
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"Associates file {path} is a directory.", "Pass the CSV file to --associates."
        ) from None
    except OSError as err:
        raise InputError(
            os_error_message(err, "read associates file", str(path)),
            "Check the file's permissions.",
        ) from None


def _check_header(path: Path, columns: list[str]) -> None:
    if REQUIRED not in columns or not set(columns) & set(ENTITY_COLUMNS):
        raise InputError(
            f"Associates file {path} needs columns person and entity_id or entity_name; "
            f"found: {', '.join(sorted(set(columns))) or 'none'}.",
            HEADER_HINT,
        )


def _row(
    path: Path, line: int, columns: list[str], fields: list[str], error: str | None
) -> dict[str, str]:
    if error:
        hint = "Save it as UTF-8." if "not valid" in error else 'Quote the field, e.g. "Li, Jun".'
        raise InputError(f"Associates file {path}: {error}.", hint)
    if len(fields) > len(columns):
        raise InputError(
            f"Associates file {path}: line {line}: expected {len(columns)} fields, "
            f"found {len(fields)}.",
            'Quote fields that contain a comma, e.g. "Li, Jun".',
        )
    return {c: v.strip() for c, v in zip(columns, fields, strict=False)}  # short rows: ""
