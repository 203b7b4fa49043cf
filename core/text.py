"""Typed text made plain: one kind of line break, no control characters.

A paste can carry line and paragraph separators (U+2028, U+2029), old
line endings (CR, CRLF, NEL U+0085) and page or tab controls that nobody
sees on the screen. The PDF renderer takes each separator as a forced line,
so a note of them printed as hundreds of pages. Every patient form
(core/validators.py) and the PDF (printing/packet.py) pass text through
``normalise_controls``, so what is saved and printed holds only plain
newlines and tabs.

The invisible direction controls and zero-width spaces are not touched
here: those are refused with a message (core/validators.py), because
dropping them silently could change what a name or note says.
"""

# Line endings and separators: each becomes one "\n".
_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")

# C0 controls (but tab and newline), DEL and C1 controls are dropped.
_CONTROLS = [c for c in range(0x20) if chr(c) not in "\t\n"] + list(range(0x7F, 0xA0))

_TABLE = dict.fromkeys(_CONTROLS) | {ord(ch): "\n" for ch in _LINE_BREAKS}


def normalise_controls(text: str) -> str:
    """``text`` with every line break as "\\n" and no control character but tab.

    CRLF counts as one break, so a form's line endings do not double.
    """
    return text.replace("\r\n", "\n").translate(_TABLE)
