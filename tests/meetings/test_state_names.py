"""The 193 Member States carry the UN's official short names in Arabic, Chinese and Russian too, in new databases
(migration 0002 from meetings/data/member_states.json) as in existing ones (migration 0010)."""

import importlib
import unicodedata

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from meetings.models import MemberState

BEFORE = [("meetings", "0009_six_content_languages")]
SCRIPTS = {"ar": "ARABIC", "zh": "CJK", "ru": "CYRILLIC"}


def letters(text):
    return [character for character in text if unicodedata.category(character).startswith("L")]


def test_every_member_state_has_a_name_in_arabic_chinese_and_russian(db):
    names = list(MemberState.objects.values_list("code", "name_ar", "name_zh", "name_ru"))
    assert len(names) == 193
    assert [row for row in names if not all(name and name.strip() for name in row[1:])] == []


@pytest.mark.parametrize(("language", "script"), SCRIPTS.items())
def test_each_name_is_written_in_its_language_s_script(db, language, script):
    wrong = {
        state.code: name
        for state in MemberState.objects.all()
        if not (name := getattr(state, f"name_{language}") or "")
        or not all(unicodedata.name(character).startswith(script) for character in letters(name))
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("code", "arabic", "chinese", "russian"),
    [
        ("BOL", "بوليفيا (دولة - المتعددة القوميات)", "多民族玻利维亚国", "Боливия (Многонациональное Государство)"),
        ("VEN", "فنزويلا (جمهورية - البوليفارية)", "委内瑞拉玻利瓦尔共和国", "Венесуэла (Боливарианская Республика)"),
        ("IRN", "إيران (جمهورية - الإسلامية)", "伊朗伊斯兰共和国", "Иран (Исламская Республика)"),
        ("KOR", "جمهورية كوريا", "大韩民国", "Республика Корея"),
        ("RUS", "الاتحاد الروسي", "俄罗斯联邦", "Российская Федерация"),
        ("CHN", "الصين", "中国", "Китай"),
        ("MEX", "المكسيك", "墨西哥", "Мексика"),
        (
            "GBR",
            "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
            "大不列颠及北爱尔兰联合王国",
            "Соединенное Королевство Великобритании и Северной Ирландии",
        ),
    ],
)
def test_official_short_names(db, code, arabic, chinese, russian):
    state = MemberState.objects.get(code=code)
    assert (state.name_ar, state.name_zh, state.name_ru) == (arabic, chinese, russian)


def test_reloading_the_member_states_sets_the_names_in_the_six_languages(db):
    """What a new database gets (the backup's tests reload the States this way after a flush)."""
    from django.apps import apps

    MemberState.objects.filter(code="MEX").update(name_ar=None, name_zh=None, name_ru=None)
    importlib.import_module("meetings.migrations.0002_member_states").load_member_states(apps, None)

    mexico = MemberState.objects.get(code="MEX")
    assert (mexico.name_ar, mexico.name_zh, mexico.name_ru, mexico.name_es) == (
        "المكسيك",
        "墨西哥",
        "Мексика",
        "México",
    )


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


@pytest.fixture
def migrated_back(transactional_db):
    try:
        yield migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_fills_the_names_of_an_existing_state(migrated_back):
    states = migrated_back.get_model("meetings", "MemberState").objects
    states.filter(code="BOL").update(name_ar=None, name_zh=None, name_ru=None)
    states.filter(code="CHN").update(name_ar="", name_zh="", name_ru="")

    apps = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    rows = apps.get_model("meetings", "MemberState").objects.filter(code__in=["BOL", "CHN"])
    names = {code: (ar, zh, ru) for code, ar, zh, ru in rows.values_list("code", "name_ar", "name_zh", "name_ru")}
    assert names == {
        "BOL": ("بوليفيا (دولة - المتعددة القوميات)", "多民族玻利维亚国", "Боливия (Многонациональное Государство)"),
        "CHN": ("الصين", "中国", "Китай"),
    }
