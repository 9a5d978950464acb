from app.export.fonts import FontSet, default_fonts, windows_builtin_fonts


def test_gb2312_fonts_where_installed():
    fonts = default_fonts(frozenset({"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体"}))
    assert fonts == FontSet(title="方正小标宋简体", body="仿宋_GB2312", heading1="黑体", heading2="楷体_GB2312",
                            page_number="宋体", title_bold=False)


def test_windows_builtins_otherwise():
    assert default_fonts(frozenset()) == windows_builtin_fonts()
    mixed = default_fonts(frozenset({"仿宋_GB2312"}))
    assert (mixed.body, mixed.heading2, mixed.title, mixed.title_bold) == ("仿宋_GB2312", "楷体", "宋体", True)


def test_renderers_get_simplified_chinese_stand_ins():
    families = FontSet().families("仿宋_GB2312")
    assert families[0] == "仿宋_GB2312" and "仿宋" in families and "Noto Serif CJK SC" in families
    assert FontSet().families("Some Font") == ["Some Font"]
