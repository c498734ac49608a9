"""A small reader of the RFC 5545 content-line format, written from the RFC for the tests: a second parser,
independent of the icalendar library that writes the feeds."""

import re

_ESCAPES = {"\\n": "\n", "\\N": "\n", "\\\\": "\\", "\\;": ";", "\\,": ","}


def unfold(data):
    """Logical lines: a CRLF followed by one space or tab continues the previous line (3.1)."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "lines must end with CRLF"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "lines must be folded at 75 octets"
    return [line for line in re.sub(r"\r\n[ \t]", "", text).split("\r\n") if line]


def content_line(line):
    """(NAME, {PARAM: value}, value) of one content line: the value starts at the first colon outside quotes."""
    quoted, cut = False, None
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            cut = index
            break
    assert cut is not None, line
    head, value = line[:cut], line[cut + 1 :]
    name, *params = head.split(";")
    return name.upper(), dict(param.split("=", 1) for param in params), value


def text_value(value):
    return re.sub(r"\\[nN\\;,]", lambda m: _ESCAPES[m.group()], value)


def components(data):
    """Every component as {"type": NAME, "props": {NAME: [(params, value)]}, "children": [...]}."""
    root = {"type": None, "props": {}, "children": []}
    stack = [root]
    for line in unfold(data):
        name, params, value = content_line(line)
        if name == "BEGIN":
            component = {"type": value.upper(), "props": {}, "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack.pop()["type"] == value.upper()
        else:
            stack[-1]["props"].setdefault(name, []).append((params, value))
    assert len(stack) == 1, "unbalanced BEGIN/END"
    return root["children"]
