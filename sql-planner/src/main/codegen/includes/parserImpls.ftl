<#--
  Salvo's grammar productions, appended to Calcite's Parser.jj template.
-->

/**
 * EXPLAIN, either followed directly by the statement as most engines spell it, or in Calcite's
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
}

/**
 * CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS] [schema.]name(arg type, ...) RETURNS type
 * followed either by LANGUAGE JAVA AS 'com.acme.Cls[#method]' [USING JAR 'path']
 * [WITH (key = value, ...)], or by RETURN expression (a SQL-bodied function).
 */
SqlCreate SalvoCreateFunction(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final List<SqlNode> parameterNames = new ArrayList<SqlNode>();
    final List<SqlNode> parameterTypes = new ArrayList<SqlNode>();
    SqlIdentifier parameterName;
    SqlDataTypeSpec parameterType;
    final SqlDataTypeSpec returnType;
    SqlIdentifier language = null;
    SqlNode target = null;
    SqlNode jar = null;
    final List<SqlNode> functionOptions = new ArrayList<SqlNode>();
    SqlNode option;
    SqlNode body = null;
    SqlParserPos returnKeyword = null;
}
{
    <FUNCTION>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = CompoundIdentifier()
    <LPAREN>
    [
        parameterName = SimpleIdentifier() parameterType = DataType()
        { parameterNames.add(parameterName); parameterTypes.add(parameterType); }
        (
            <COMMA> parameterName = SimpleIdentifier() parameterType = DataType()
            { parameterNames.add(parameterName); parameterTypes.add(parameterType); }
        )*
    ]
    <RPAREN>
    <RETURNS> returnType = DataType()
    (
        <LANGUAGE> language = SimpleIdentifier()
        <AS> target = StringLiteral()
        [ <USING> <JAR> jar = StringLiteral() ]
        [
            <WITH> <LPAREN>
            option = SalvoFunctionOption() { functionOptions.add(option); }
            ( <COMMA> option = SalvoFunctionOption() { functionOptions.add(option); } )*
            <RPAREN>
        ]
    |
        <RETURN> { returnKeyword = getPos(); } body = Expression(ExprContext.ACCEPT_NON_QUERY)
    )
    {
        return new SqlCreateFunction(s.end(this), replace, ifNotExists, name,
            new SqlNodeList(parameterNames, SqlParserPos.ZERO),
            new SqlNodeList(parameterTypes, SqlParserPos.ZERO), returnType, language, target, jar,
            new SqlNodeList(functionOptions, SqlParserPos.ZERO), body, returnKeyword);
    }
}

/** One key = value of CREATE FUNCTION ... WITH (...): a literal or a bare word. */
SqlNode SalvoFunctionOption() :
{
    final SqlIdentifier key;
    final SqlNode value;
}
{
    key = SimpleIdentifier() <EQ>
    (
        value = Literal()
    |
        value = SimpleIdentifier()
    )
    {
        return new SqlFunctionOption(key.getParserPosition(), key, value);
    }
}

/** DROP FUNCTION [IF EXISTS] [schema.]name. */
SqlDrop SalvoDropFunction(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <FUNCTION>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier()
    {
        return new SqlDropFunction(s.end(this), ifExists, name);
    }
}

/** SHOW FUNCTIONS. */
SqlNode SalvoShowFunctions() :
{
    final Span s;
}
{
    <SHOW> { s = span(); } <FUNCTIONS>
    {
        return new SqlShowFunctions(s.end(this));
    }
}

/** DESCRIBE FUNCTION [schema.]name. */
SqlNode SalvoDescribeFunction() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <DESCRIBE> { s = span(); } <FUNCTION> name = CompoundIdentifier()
    {
        return new SqlDescribeFunction(s.end(this), name);
    }
}
