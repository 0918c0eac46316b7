"""Keys shaped like field names whose word parts read as a person's name or a long number are data
(`redact.keys`): measured on real API field names in the README."""

import pytest

from redact import errors
from redact.keys import is_field_name
from redact.profile import RecordSpec
from redact.stages.read import Read


@pytest.mark.parametrize("key", [
    "kishan_patel", "kishanPatel", "KishanPatel", "maria_garcia", "anna-lee", "mariaGarcia2", "kevin_smith",
    "KishanBaker",
    "phone_5551234567", "u2025550143", "tel_2145550199", "card4111111111111111", "tel_0612345678",
    "uk_07700900123", "x_20241399", "tel_202-555-0143", "card_4111_1111_1111_1111", "ssn_078-05-1120",
    "tel_0961234567", "phone_963123456", "josé_garcía", "JoséGarcía",
    # a given name or an initial, then a surname, as user names are written
    "john_smith", "mark_jones", "john_smith_42", "JohnSmith42", "j_smith", "j_kowalczyk", "markJones",
    # Latin letters in disguise (small capitals, fullwidth) and other scripts stay data
    "\u1d0b\u026as\u029c\u1d00\u0274_patel", "\uff4b\uff49\uff53\uff48\uff41\uff4e", "\u7530\u4e2d_\u592a\u90ce",
])
def test_a_key_that_reads_as_a_name_or_a_long_number_is_data(key):
    assert not is_field_name(key)


@pytest.mark.parametrize("key", [
    "id", "text", "lang", "dev_mode", "created_at", "createdAt", "user_name", "reply_to", "bill_to",
    "grace_period", "jordan_score", "author_id", "x-request-id", "meta", "extra", "mark_level", "v2_2024",
    "BucketArn", "RoleArn", "DBInstanceIdentifier", "comments", "seen_by", "max_len", "rose_gold", "LangCode", "MacKey",
    "lon_west", "westLon", "cal_day", "ada_price", "seen_2024_01_01",
    "prénom", "größe", "código_postal", "Straße_Nr", "łączny", "señor_count",  # European field names
    # date stamps, zero-padded counters and Unix times are no phone numbers; jargon no list holds
    "seen_20240101", "event_20240101", "dt_20231105", "build_20240101", "snapshot_20240101T120000",
    "partition_0000001", "created_1700000000", "created_1700000000123", "created_1999999999", "views_20240101",
    "onnx_opset", "wikidata_qid",
    # a given name or an initial before a word no surname of a person here, or jargon
    "mark_as_read", "first_name", "last_name", "john_deere_model", "mark_price", "max_price", "x_offset",
    "p_value", "k_means", "vSan", "VTep", "S3Grant", "ChannelArn", "GrantArns", "BrokerArn", "LangCode",
    "SkipFooter", "CacheCluster", "n_fields",
])
def test_field_names_are_field_names(key):
    assert is_field_name(key)


@pytest.mark.parametrize("line, path", [
    (b'{"id":1,"text":"hi","meta":{"kishan_patel":"x"}}', "meta.<key>"),
    (b'{"id":1,"text":"hi","votes":{"mariaGarcia":true}}', "votes.<key>"),
    (b'{"id":1,"text":"hi","kishan_patel":null}', "<key>"),
    (b'{"id":1,"text":"hi","seen_by":{"u5551234567":null}}', "seen_by.<key>"),
])
def test_a_name_as_a_key_quarantines_its_record_and_is_never_shown(line, path):
    record = Read(RecordSpec(text_fields=["text"])).parse(1, line)
    assert (record.status, record.reason, record.unlisted) == ("quarantined", errors.UNLISTED_KEY, (path,))
    for value in ("kishan", "patel", "maria", "garcia", "5551234567"):
        assert value not in record.detail.lower()


def test_a_name_as_a_key_under_a_kept_object_quarantines_its_record():
    record = Read(RecordSpec(text_fields=["text"], keep_fields=["meta"])).parse(
        1, b'{"id":1,"text":"hi","meta":{"kishan_patel":1}}')
    assert (record.status, record.reason) == ("quarantined", errors.UNLISTED_KEY)


def test_a_name_as_a_key_dropped_with_its_object_needs_no_quarantine():
    record = Read(RecordSpec(text_fields=["text"], unlisted="drop")).parse(
        1, b'{"id":1,"text":"hi","meta":{"kishan_patel":"x"}}')
    assert record.status == "pending" and record.removed == [("meta",)] and record.unlisted == ("meta.<key>",)


def test_a_parquet_column_named_like_a_person_is_refused_up_front_and_never_shown(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from redact.errors import RedactError
    from redact.pipeline import run
    from redact.profile import load_profile

    pq.write_table(pa.table({"id": ["a"], "text": ["hi"], "meta": [{"kishan_patel": 1}]}), tmp_path / "in.parquet")
    with pytest.raises(RedactError, match=r"meta\.<key>") as refused:
        run(load_profile("fast"), tmp_path / "in.parquet", tmp_path / "out.parquet", None, tmp_path / "q.jsonl")
    assert "kishan" not in str(refused.value)


@pytest.mark.parametrize("line", [
    b'{"id":1,"text":"hi","flags":{"seen_20240101":true}}',
    b'{"id":1,"text":"hi","stats":{"created_1700000000":true,"partition_0000001":"a"}}',
])
def test_a_key_with_a_date_stamp_or_a_counter_is_no_reason_to_quarantine(line):
    record = Read(RecordSpec(text_fields=["text"])).parse(1, line)
    assert record.status != "quarantined" and record.reason is None


def test_a_top_level_key_that_is_data_says_what_the_user_can_do():
    record = Read(RecordSpec(text_fields=["text"])).parse(1, b'{"id":1,"text":"hi","mariaGarcia":1}')
    assert record.reason == errors.UNLISTED_KEY and "the object holding it" not in record.detail
    assert "record.unlisted: drop" in record.detail and "maria" not in record.detail.lower()
    nested = Read(RecordSpec(text_fields=["text"])).parse(1, b'{"id":1,"text":"hi","meta":[{"mariaGarcia":1}]}')
    assert "name meta (the object holding it) in record.drop_fields" in nested.detail


def test_the_warning_does_not_say_analysed_when_every_unlisted_path_was_a_key_that_is_data():
    from redact.cli.run import unlisted_warning

    warning = unlisted_warning({"unlisted_fields": {"<key>": 2, "votes.<key>": 1}}, "analyze")
    assert "analysed as text" not in warning and "quarantined as unlisted_key" in warning
    assert "analysed as text" in unlisted_warning({"unlisted_fields": {"body": 1, "votes.<key>": 1}}, "analyze")


# A Parquet or Spark map is read as a list of [key, value] pairs: its keys are keys all the same.
VOTES_MAP = ("struct", {"votes": ("map", None)})


@pytest.mark.parametrize("spec", [{}, {"keep_fields": ["votes"]}])
def test_a_name_as_a_map_key_quarantines_its_record_and_is_never_shown(spec):
    read = Read(RecordSpec(text_fields=["text"], **spec))
    read.read_maps(VOTES_MAP)
    record = read.parse(1, b'{"id":1,"text":"hi","votes":[["up","x"],["kishan_patel","y"]]}')
    assert (record.status, record.reason) == ("quarantined", errors.UNLISTED_KEY)
    assert "votes.<key>" in record.detail and "kishan" not in record.detail


def test_map_keys_that_are_field_names_and_pairs_in_a_plain_list_pass():
    read = Read(RecordSpec(text_fields=["text"]))
    read.read_maps(VOTES_MAP)
    assert read.parse(1, b'{"id":1,"text":"hi","votes":[["up","x"],["down","y"]]}').status == "pending"
    read.read_maps(None)  # JSONL: a list of pairs is a list, its strings analysed as text
    assert read.parse(1, b'{"id":1,"text":"hi","votes":[["kishan_patel","y"]]}').status == "pending"


@pytest.mark.parametrize("key", ["kishan_patel", "jane@example.com", "mariaGarcia"])
@pytest.mark.parametrize("keep", [False, True])
def test_a_parquet_map_whose_keys_are_names_or_emails_is_never_written(tmp_path, key, keep):
    """A map<string, ...> column's keys were analysed as text and a name the recognizers miss in
    so short a text (`kishan_patel`) was written as it came; as an object's key it quarantines."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from redact.pipeline import run
    from redact.profile import load_profile

    votes = pa.array([[("up", "x")], [("down", "x"), (key, "y")]], type=pa.map_(pa.string(), pa.string()))
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["hi", "yo"], "votes": votes}), tmp_path / "in.parquet")
    profile = load_profile("fast")
    if keep:
        profile = profile.model_copy(update={"record": profile.record.model_copy(update={"keep_fields": ["votes"]})})
    summary = run(profile, tmp_path / "in.parquet", tmp_path / "out.jsonl", None, tmp_path / "q.jsonl")
    assert (summary.written, summary.quarantined) == (1, {"unlisted_key": 1})
    quarantined = (tmp_path / "q.jsonl").read_text()
    assert '"reason":"unlisted_key"' in quarantined and '"line":2' in quarantined
    assert key.split("@")[0] not in (tmp_path / "out.jsonl").read_text()
