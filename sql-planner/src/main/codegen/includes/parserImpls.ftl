<#--
  Salvo's grammar productions, appended to Calcite's Parser.jj template.
-->

/**
 * EXPLAIN ANALYZE followed by a query; or EXPLAIN, either followed directly by the statement as most engines spell it, or in Calcite's
 * EXPLAIN PLAN [level] [depth] [AS format] FOR form. Listed as a statement method so it is tried
 * before Calcite's own EXPLAIN production, which knows only the second form.
 */
SqlNode SalvoExplain() :
{
    final Span s;
    final SqlNode stmt;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    SqlExplain.Depth depth = SqlExplain.Depth.PHYSICAL;
    SqlExplainFormat format = SqlExplainFormat.TEXT;
}
{
    <EXPLAIN> { s = span(); }
    (
        // ANALYZE is no keyword of Calcite's: recognised here only, so it stays a usable name.
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER
            && "ANALYZE".equalsIgnoreCase(getToken(1).image) })
        <IDENTIFIER>
        stmt = SqlQueryOrDml() {
            return new dev.salvo.sql.parser.SqlExplainAnalyze(s.end(stmt), stmt);
        }
    |
    [
        // A statement never starts with the word PLAN, so the first reading wins.
        LOOKAHEAD(1) <PLAN>
        [ detailLevel = ExplainDetailLevel() ]
        depth = ExplainDepth()
        [
            LOOKAHEAD(2) <AS> <XML> { format = SqlExplainFormat.XML; }
        |
            LOOKAHEAD(2) <AS> <JSON> { format = SqlExplainFormat.JSON; }
        |
            <AS> <DOT_FORMAT> { format = SqlExplainFormat.DOT; }
        ]
        <FOR>
    ]
    stmt = SqlQueryOrDml() {
        return new SqlExplain(s.end(stmt), stmt,
            detailLevel.symbol(SqlParserPos.ZERO),
            depth.symbol(SqlParserPos.ZERO),
            format.symbol(SqlParserPos.ZERO),
            nDynamicParams);
    }
    )
}

/**
 * SHOW name or SHOW ALL: the value of one session setting, or of all of them. SET and RESET
 * need nothing here: Calcite's own SqlSetOption production reads them.
 */
SqlNode SalvoShowSetting() :
{
    final Span s;
    SqlIdentifier name = null;
}
{
    <SHOW> { s = span(); }
    (
        <ALL>
    |
        name = CompoundIdentifier()
    )
    {
        return new dev.salvo.sql.parser.SqlShowSetting(s.end(this), name);
    }
}
