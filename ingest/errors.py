"""The one error type an importer raises for bad input: it names the file, the
line number and the line, and says what was expected."""


class InputError(Exception):
    def __init__(self, file: str, line_no: int | None, line: str | None, expected: str) -> None:
        self.file = file
        self.line_no = line_no
        self.line = line
        self.expected = expected
        super().__init__(self.sentence())

    def sentence(self) -> str:
        where = f"{self.file}, line {self.line_no}" if self.line_no else self.file
        shown = f": {self.line.strip()[:120]!r}" if self.line and self.line.strip() else ""
        return f"{where}{shown} — {self.expected}"
