"""Categories and municipalities: the shipped lists, tolerant matching, validation messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plansite.load.taxonomy import (
    CATEGORIES_FILE,
    MUNICIPALITIES_FILE,
    Taxonomy,
    bare_name,
    load_taxonomy,
    match_key,
)
from plansite.model import Category, Municipality
from plansite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parent.parent

DISTRICTS = [
    "Велижский",
    "Вяземский",
    "Гагаринский",
    "Глинковский",
    "Демидовский",
    "Дорогобужский",
    "Духовщинский",
    "Ельнинский",
    "Ершичский",
    "Кардымовский",
    "Краснинский",
    "Монастырщинский",
    "Новодугинский",
    "Починковский",
    "Рославльский",
    "Руднянский",
    "Сафоновский",
    "Смоленский",
    "Сычевский",
    "Темкинский",
    "Угранский",
    "Хиславичский",
    "Холм-Жирковский",
    "Шумячский",
    "Ярцевский",
]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(ROOT)


def project_with(tmp_path: Path, categories: str | None, municipalities: str | None) -> Path:
    """A project whose taxonomy files are the given texts (None: the shipped file)."""
    (tmp_path / "data").mkdir()
    for name, text in ((CATEGORIES_FILE, categories), (MUNICIPALITIES_FILE, municipalities)):
        if text is None:
            shutil.copy(ROOT / name, tmp_path / name)
        else:
            (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, categories: str | None = None, municipalities=None) -> list[str]:
    with pytest.raises(ProblemsFound) as found:
        load_taxonomy(project_with(tmp_path, categories, municipalities))
    return [str(problem) for problem in found.value.problems]


# The shipped lists


def test_shipped_categories(taxonomy: Taxonomy) -> None:
    assert [(category.id, category.name) for category in taxonomy.categories] == [
        ("best-practices", "Лучшие практики муниципального управления"),
        ("municipalities", "Ситуация в муниципальных образованиях"),
        ("branch", "Деятельность отделения"),
    ]
    for category in taxonomy.categories:
        assert category.description.endswith(".")
        assert category.description.count(".") == 1  # one sentence


def test_shipped_municipalities(taxonomy: Taxonomy) -> None:
    names = [municipality.name for municipality in taxonomy.municipalities]
    assert names == [f"{district} район" for district in DISTRICTS] + [
        "город Смоленск",
        "город Десногорск",
    ]
    ids = [municipality.id for municipality in taxonomy.municipalities]
    assert len(set(ids)) == 27
    assert {"vyazemsky", "smolensky-district", "smolensk", "desnogorsk", "kholm-zhirkovsky"} <= set(
        ids
    )
    assert all(id_.isascii() for id_ in ids)


def test_municipality_model_has_no_extra_fields(taxonomy: Taxonomy) -> None:
    assert taxonomy.municipalities[0] == Municipality(id="velizhsky", name="Велижский район")


# Matching as editors write names


@pytest.mark.parametrize(
    ("text", "expected_id"),
    [
        ("Деятельность отделения", "branch"),
        ("деятельность ОТДЕЛЕНИЯ", "branch"),
        ("  Деятельность   отделения ", "branch"),
        ("«Деятельность отделения»", "branch"),
        ("branch", "branch"),
        ("BEST-PRACTICES", "best-practices"),
        ("Ситуация в муниципальных образованиях", "municipalities"),
    ],
)
def test_find_category(taxonomy: Taxonomy, text: str, expected_id: str) -> None:
    found = taxonomy.find_category(text)
    assert found is not None
    assert found.id == expected_id


@pytest.mark.parametrize("text", ["Новости", "Деятельность", "отделение", ""])
def test_find_category_refuses_others(taxonomy: Taxonomy, text: str) -> None:
    assert taxonomy.find_category(text) is None


@pytest.mark.parametrize(
    ("text", "expected_id"),
    [
        ("Вяземский район", "vyazemsky"),
        ("вяземский", "vyazemsky"),
        ("Сычёвский", "sychevsky"),
        ("Сычевский район", "sychevsky"),
        ("сычевский", "sychevsky"),
        ("Тёмкинский район", "temkinsky"),
        ("Смоленск", "smolensk"),
        ("город Смоленск", "smolensk"),
        ("г. Смоленск", "smolensk"),
        ("Смоленский", "smolensky-district"),
        ("Смоленский район", "smolensky-district"),
        ("Смоленский муниципальный район", "smolensky-district"),
        ("smolensky-district", "smolensky-district"),
        ("Десногорск", "desnogorsk"),
        ("Холм – Жирковский", "kholm-zhirkovsky"),
        ("KHOLM-ZHIRKOVSKY", "kholm-zhirkovsky"),
    ],
)
def test_find_municipality(taxonomy: Taxonomy, text: str, expected_id: str) -> None:
    found = taxonomy.find_municipality(text)
    assert found is not None
    assert found.id == expected_id


@pytest.mark.parametrize("text", ["Москва", "Смоленская область", "район", "город", "vyazma"])
def test_find_municipality_refuses_others(taxonomy: Taxonomy, text: str) -> None:
    assert taxonomy.find_municipality(text) is None


def test_nearest_suggestions(taxonomy: Taxonomy) -> None:
    assert taxonomy.nearest_municipality("Вязьемский").id == "vyazemsky"
    assert taxonomy.nearest_municipality("Сычовский район").id == "sychevsky"
    assert taxonomy.nearest_municipality("Москва") is None
    assert taxonomy.nearest_category("Деятельность отделенья").id == "branch"
    assert taxonomy.nearest_category("Лучшие практики").id == "best-practices"
    assert taxonomy.nearest_category("Новости") is None


def test_match_key_and_bare_name() -> None:
    assert match_key("  «Сычёвский»   РАЙОН ") == "сычевский район"
    assert bare_name("Сычёвский район") == "сычевский"
    assert bare_name("город Смоленск") == "смоленск"
    assert bare_name("Холм — Жирковский район") == "холм-жирковский"


# Validation

CATEGORIES_OK = "- id: branch\n  name: Деятельность отделения\n  description: Работа.\n"


def test_minimal_files_load(tmp_path: Path) -> None:
    municipalities = "- id: vyazemsky\n  name: Вяземский район\n"
    taxonomy = load_taxonomy(project_with(tmp_path, CATEGORIES_OK, municipalities))
    assert taxonomy.categories == (Category("branch", "Деятельность отделения", "Работа."),)
    assert taxonomy.municipalities == (Municipality("vyazemsky", "Вяземский район"),)


def test_description_is_optional(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(project_with(tmp_path, "- id: branch\n  name: Отделение\n", None))
    assert taxonomy.categories[0].description == ""


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (
            "- id: branch\n  name: Деятельность\n  descripton: Работа.\n",
            "data/categories.yaml:3: categories[0].descripton: неизвестное поле. "
            "Возможно, имелось в виду «description».",
        ),
        (
            "- id: branch\n",
            "data/categories.yaml:1: categories[0].name: обязательное поле отсутствует: "
            "добавьте строку «name: …».",
        ),
        (
            "- id: Branch News\n  name: Деятельность\n",
            "data/categories.yaml:1: categories[0].id: «Branch News» не подходит для адреса "
            "страницы: используйте строчные латинские буквы, цифры и дефис, например «vyazemsky».",
        ),
        (
            "- id: branch\n  name:\n",
            "data/categories.yaml:2: categories[0].name: поле пустое: впишите значение.",
        ),
        (
            "- id: branch\n  name: А\n- id: branch\n  name: Б\n",
            "data/categories.yaml:3: categories[1].id: идентификатор «branch» совпадает с "
            "«branch» выше: каждое значение должно быть уникальным.",
        ),
        (
            "- id: a\n  name: Деятельность отделения\n- id: b\n  name: деятельность  ОТДЕЛЕНИЯ\n",
            "data/categories.yaml:4: categories[1].name: название «деятельность ОТДЕЛЕНИЯ» "
            "совпадает с «Деятельность отделения» выше: каждое значение должно быть уникальным.",
        ),
        (
            "",
            "data/categories.yaml:1: файл: файл пуст: в нём должен быть список, каждый пункт — "
            "«- id: …».",
        ),
        (
            "[]\n",
            "data/categories.yaml:1: categories: список пуст: добавьте хотя бы один пункт.",
        ),
        (
            "id: branch\nname: Деятельность\n",
            "data/categories.yaml:1: categories: ожидается список (строки, начинающиеся с «- »), "
            "а указано: набор полей.",
        ),
        (
            "- branch\n",
            "data/categories.yaml:1: categories[0]: ожидается набор полей «id: …», «name: …», "
            "а указано: текст.",
        ),
        (
            "- id: branch\n  name: Деятельность: отделения\n",
            "data/categories.yaml:2: YAML: ошибка разметки YAML: лишнее двоеточие или сбитый "
            "отступ: если в значении есть «: », заключите его в кавычки; иначе выровняйте отступ "
            "по соседним строкам.",
        ),
    ],
)
def test_category_problems(tmp_path: Path, categories: str, expected: str) -> None:
    assert problems(tmp_path, categories) == [expected]


def test_municipality_names_compared_without_rayon_and_yo(tmp_path: Path) -> None:
    municipalities = (
        "- id: sychevsky\n  name: Сычевский район\n- id: sychevsky-2\n  name: Сычёвский\n"
    )
    assert problems(tmp_path, municipalities=municipalities) == [
        "data/municipalities.yaml:4: municipalities[1].name: название «Сычёвский» совпадает с "
        "«Сычевский район» выше: каждое значение должно быть уникальным."
    ]


def test_municipality_kind_is_not_a_field(tmp_path: Path) -> None:
    municipalities = "- id: vyazemsky\n  name: Вяземский район\n  kind: район\n"
    assert problems(tmp_path, municipalities=municipalities) == [
        "data/municipalities.yaml:3: municipalities[0].kind: неизвестное поле. "
        "Возможно, имелось в виду «id»."
    ]


def test_problems_of_both_files_at_once(tmp_path: Path) -> None:
    found = problems(tmp_path, "- id: branch\n", "- name: Вяземский район\n")
    assert found == [
        "data/categories.yaml:1: categories[0].name: обязательное поле отсутствует: "
        "добавьте строку «name: …».",
        "data/municipalities.yaml:1: municipalities[0].id: обязательное поле отсутствует: "
        "добавьте строку «id: …».",
    ]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    project = project_with(tmp_path, None, None)
    (project / MUNICIPALITIES_FILE).unlink()
    with pytest.raises(ProblemsFound) as found:
        load_taxonomy(project)
    assert [str(problem) for problem in found.value.problems] == [
        "data/municipalities.yaml:1: файл: файл не найден: восстановите его из репозитория."
    ]


def test_cp1251_file_is_reported(tmp_path: Path) -> None:
    project = project_with(tmp_path, None, None)
    (project / CATEGORIES_FILE).write_bytes(CATEGORIES_OK.encode("cp1251"))
    with pytest.raises(ProblemsFound) as found:
        load_taxonomy(project)
    (problem,) = found.value.problems
    # The first Cyrillic byte is on line 2.
    assert (problem.file, problem.line, problem.field) == (CATEGORIES_FILE, 2, "кодировка")
    assert "Windows-1251" in problem.message
