"""A scripted reader for HTTP tests: reads forms out of the HTML, like a
browser without JavaScript, and submits them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Button:
    name: str | None
    value: str
    text: str = ""


@dataclass
class Form:
    action: str
    method: str
    hidden: list[tuple[str, str]] = field(default_factory=list)
    inputs: list[dict[str, str]] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    selects: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)

    def body(
        self, chosen: dict[str, list[str]], button: Button | None = None
    ) -> list[tuple[str, str]]:
        pairs = list(self.hidden)
        pairs += [(name, value) for name, value in self.selects.items()]
        for name, values in chosen.items():
            pairs += [(name, value) for value in values]
        button = button or (self.buttons[0] if self.buttons else None)
        if button is not None and button.name:
            pairs.append((button.name, button.value))
        return pairs

    def button(self, value: str) -> Button:
        for button in self.buttons:
            if button.value == value:
                return button
        raise AssertionError(f"no button {value!r} in {self.buttons}")


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._button: Button | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {key: value or "" for key, value in attrs_list}
        if tag == "form":
            self._current = Form(attrs.get("action", ""), attrs.get("method", "get"), attrs=attrs)
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag == "input" and attrs.get("type") == "hidden":
            self._current.hidden.append((attrs["name"], attrs.get("value", "")))
        elif tag == "input":
            self._current.inputs.append(attrs)
        elif tag == "button":
            self._button = Button(attrs.get("name"), attrs.get("value", ""))
            self._current.buttons.append(self._button)
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._current.selects[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "button":
            self._button = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button.text += data


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def question_form(html: str) -> Form:
    for form in forms_in(html):
        if "question-form" in form.attrs.get("class", ""):
            return form
    raise AssertionError("no question form on the page")


def form_with_class(html: str, css_class: str) -> Form:
    for form in forms_in(html):
        if css_class in form.attrs.get("class", "").split():
            return form
    raise AssertionError(f"no form .{css_class} on the page")


FORM_TYPE = {"content-type": "application/x-www-form-urlencoded"}


def post_pairs(client, action: str, pairs: list[tuple[str, str]], headers=None):
    from urllib.parse import urlencode

    return client.post(action, content=urlencode(pairs), headers={**FORM_TYPE, **(headers or {})})


def submit(
    client, form: Form, chosen: dict[str, list[str]], button: str | None = None, headers=None
):  # type: ignore[no-untyped-def]
    pressed = form.button(button) if button else None
    return post_pairs(client, form.action, form.body(chosen, pressed), headers)


def start(client, headers=None, query="?region=AU&lang=en"):
    """Press Start on the start page."""
    page = client.get("/" + query, headers=headers or {})
    form = forms_in(page.text)[0]
    return submit(client, form, {}, headers=headers)


def answer(client, response, choices, headers=None):
    """Answer the question on screen as a reader would (choices by question id)."""
    form = question_form(response.text)
    step = dict(form.hidden)["step"]
    return submit(client, form, {step: choices[step]}, "continue", headers)


def current_step(response) -> str:
    return dict(question_form(response.text).hidden)["step"]
