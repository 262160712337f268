"""The accessibility check of the browser tests finds what it is there to find."""

import pytest

# The browser comes with the live server, which makes the test transactional: serialized rollback brings back, after
# the flush, the rows of migrations (content types, member States) that the tests after it in the same worker need.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_check_accessibility_fails_on_an_unlabelled_field(page, check_accessibility):
    page.set_content('<html lang="en"><title>Form</title><main><h1>Form</h1><input type="text"></main></html>')
    with pytest.raises(AssertionError, match="label"):
        check_accessibility(page)


def test_check_accessibility_passes_a_labelled_field(page, check_accessibility):
    page.set_content(
        '<html lang="en"><title>Form</title><main><h1>Form</h1>'
        '<label for="name">Name</label><input id="name" type="text"></main></html>'
    )
    check_accessibility(page)
