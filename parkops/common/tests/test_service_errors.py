"""A service's ValidationError lands on the form: by field where the form shows it, else on top."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from parkops.common.forms import add_service_errors


class _NameForm(forms.Form):
    name = forms.CharField()


def _bound() -> _NameForm:
    form = _NameForm({"name": "漕泾"})
    assert form.is_valid()
    return form


def test_it_puts_a_field_error_beside_its_field() -> None:
    form = _bound()
    add_service_errors(form, ValidationError({"name": "名称已存在"}))
    assert form.errors == {"name": ["名称已存在"]}


def test_it_puts_an_error_on_a_field_the_form_lacks_above_the_form() -> None:
    form = _bound()
    add_service_errors(
        form, ValidationError({"area": "面积必须大于0", "__all__": "记录已被他人修改"})
    )
    assert form.non_field_errors() == ["面积必须大于0", "记录已被他人修改"]
    assert "name" not in form.errors


def test_it_puts_a_plain_error_above_the_form() -> None:
    form = _bound()
    add_service_errors(form, ValidationError(["一", "二"]))
    assert form.non_field_errors() == ["一", "二"]
