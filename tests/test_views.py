"""Views: every field a view shows is in its fingerprint; one rule for blog titles."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pytest
from docutils import nodes

from sphinxext.blog import views
from sphinxext.blog.views import View, blog_title_of

VIEW_CLASSES = [
    cls for cls in vars(views).values() if isinstance(cls, type) and issubclass(cls, View) and cls is not View
]


def sample(cls: type, salt: str = "") -> Any:
    """An instance of a view class with a value of the right type in every field."""
    hints = typing.get_type_hints(cls)
    return cls(**{field.name: sample_value(hints[field.name], field.name + salt) for field in dataclasses.fields(cls)})


def sample_value(hint: Any, name: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:  # tuple[SomeView, ...]
        return (sample_value(args[0], name),)
    if args:  # X | None: the first type
        return sample_value(args[0], name)
    if hint is bool:
        return True
    if hint is int:
        return len(name)
    if isinstance(hint, type) and issubclass(hint, View):
        return sample(hint, name)
    return f"<{name}>"


def changed_value(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "!"
    if isinstance(value, tuple):
        return (*value, *value)
    if isinstance(value, View):
        first = dataclasses.fields(value)[0]  # type: ignore[arg-type]
        return dataclasses.replace(value, **{first.name: changed_value(getattr(value, first.name))})  # type: ignore[type-var]
    raise AssertionError(f"no way to change {value!r}")


def test_every_view_class_is_covered():
    names = {cls.__name__ for cls in VIEW_CLASSES}
    assert {"PostLink", "PostEntry", "AuthorView", "TermLink", "TermItem", "Navigation"} <= names


@pytest.mark.parametrize("cls", VIEW_CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_of_a_view_is_in_its_fingerprint(cls):
    """A field added to a view without being fingerprinted (``compare=False``, or a
    fingerprint that skips it) would leave pages showing it stale: this test fails then."""
    view = sample(cls)
    assert dataclasses.is_dataclass(view) and cls.__dataclass_params__.frozen
    for field in dataclasses.fields(cls):
        assert field.compare, f"{cls.__name__}.{field.name} is left out of comparisons"
        other = dataclasses.replace(view, **{field.name: changed_value(getattr(view, field.name))})
        assert other.fingerprint() != view.fingerprint(), f"{cls.__name__}.{field.name} is not fingerprinted"
        assert other != view


def test_fingerprints_are_stable_and_equal_for_equal_views():
    assert sample(views.PostEntry).fingerprint() == sample(views.PostEntry).fingerprint()
    assert sample(views.PostEntry).fingerprint() != sample(views.PostEntry, "x").fingerprint()


def title(text: str) -> nodes.title:
    return nodes.title(text, text)


@pytest.mark.parametrize(("root", "titles", "expected"), [
    ("blog", {}, "Blog"),
    ("engineering-blog", {}, "Engineering blog"),
    ("news/release_notes", {}, "Release notes"),
    ("blog", {"blog/index": title("Our blog")}, "Our blog"),
    ("blog", {"blog": title("The blog page")}, "The blog page"),
])
def test_a_blog_title_has_one_rule(root, titles, expected):
    assert blog_title_of(root, titles) == expected
