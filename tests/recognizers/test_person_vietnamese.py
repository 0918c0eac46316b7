"""Vietnamese names are surname, middle name, given name: the given name after `Văn` or `Thị` is
part of the name even when it is an English word (`An`, `Long`)."""

import pytest
from conftest import redactor_for

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, expected", [
    ("Hôm nay tôi gặp Nguyễn Văn An ở Hà Nội.", "tôi gặp <PERSON> ở"),
    ("I met Nguyen Van An yesterday.", "I met <PERSON> yesterday."),
    ("Trần Thị Lan and Phạm Văn Long came.", "<PERSON> and <PERSON> came."),
])
def test_the_given_name_after_a_vietnamese_middle_name_is_redacted(text, expected):
    out, _ = redactor_for("default").redact_record({"id": "v", "text": text})
    assert expected in out["text"]
