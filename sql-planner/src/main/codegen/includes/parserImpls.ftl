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
 * SHOW SCHEMAS, SHOW TABLES [FROM | IN schema], SHOW COLUMNS FROM | IN table; and SHOW ALL or
 * SHOW name for session settings (SET and RESET need nothing here: Calcite's own SqlSetOption
 * production reads them). The catalog words come first, so they are never setting names.
 */
SqlNode SalvoShow() :
{
    final Span s;
    SqlIdentifier from = null;
}
{
    <SHOW> { s = span(); }
    (
        <SCHEMAS> { return new SqlShow(s.end(this), SqlShow.Subject.SCHEMAS, null); }
    |
        <TABLES> [ ( <FROM> | <IN> ) from = CompoundIdentifier() ]
        { return new SqlShow(s.end(this), SqlShow.Subject.TABLES, from); }
    |
        <COLUMNS> ( <FROM> | <IN> ) from = CompoundIdentifier()
        { return new SqlShow(s.end(this), SqlShow.Subject.COLUMNS, from); }
    |
        <ALL> { return new dev.salvo.sql.parser.SqlShowSetting(s.end(this), null); }
    |
        from = CompoundIdentifier()
        { return new dev.salvo.sql.parser.SqlShowSetting(s.end(this), from); }
    )
}

/**
 * USE schema or USE catalog.schema: the session's default for names without one, read as
 * SET schema = name so that the session statements handle both spellings alike.
 */
SqlNode SalvoUse() :
{
    final Span s;
    final SqlIdentifier target;
}
{
    <USE> { s = span(); }
    target = CompoundIdentifier() {
        return new SqlSetOption(s.end(target), null,
            new SqlIdentifier("schema", s.pos()), target);
    }
}

boolean SalvoIfNotExists() :
{
}
{
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean SalvoIfExists() :
{
}
{
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** CASCADE or RESTRICT (the default) at the end of a DROP. */
boolean SalvoCascade() :
{
}
{
    <CASCADE> { return true; }
|
    <RESTRICT> { return false; }
|
    { return false; }
}

SqlCreate SqlCreateSalvoSchema(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
}
{
    <SCHEMA> ifNotExists = SalvoIfNotExists() id = CompoundIdentifier()
    {
        if (replace) {
            throw SqlUtil.newContextException(s.pos(),
                RESOURCE.illegalNonQueryExpression());
        }
        return new SqlCreateSalvoSchema(s.end(id), ifNotExists, id);
    }
}

/**
 * CREATE TABLE name (column type [NOT NULL], ...), or CREATE TABLE name [(column, ...)] AS
 * query.
 */
SqlCreate SqlCreateSalvoTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    SqlNodeList columns = null;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = SalvoIfNotExists() id = CompoundIdentifier()
    [ columns = SalvoTableElementList() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        if (replace) {
            throw SqlUtil.newContextException(s.pos(),
                RESOURCE.illegalNonQueryExpression());
        }
        return new SqlCreateSalvoTable(s.end(this), ifNotExists, id, columns, query);
    }
}

SqlNodeList SalvoTableElementList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    SalvoTableElement(list)
    ( <COMMA> SalvoTableElement(list) )*
    <RPAREN> { return new SqlNodeList(list, s.end(this)); }
}

/** A column with its type, or (before AS query) a bare column name. */
void SalvoTableElement(List<SqlNode> list) :
{
    final SqlIdentifier id;
    final SqlDataTypeSpec type;
    boolean nullable = true;
}
{
    id = SimpleIdentifier()
    (
        type = DataType()
        [
            <NOT> <NULL> { nullable = false; }
        |
            <NULL> { nullable = true; }
        ]
        {
            list.add(new SqlColumnDeclaration(id.getParserPosition().plus(getPos()), id, type,
                nullable));
        }
    |
        { list.add(id); }
    )
}

/** CREATE [OR REPLACE] VIEW name [(column, ...)] AS query. */
SqlCreate SqlCreateSalvoView(Span s, boolean replace) :
{
    final SqlIdentifier id;
    SqlNodeList columns = null;
    final SqlNode query;
    final Token first;
    final Token last;
}
{
    <VIEW> id = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> { first = getToken(1); }
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        last = getToken(0);
        return new SqlCreateSalvoView(s.end(this), replace, id, columns, query,
            new SqlParserPos(first.beginLine, first.beginColumn, last.endLine,
                last.endColumn));
    }
}

SqlDrop SqlDropSalvoSchema(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
    final boolean cascade;
}
{
    <SCHEMA> ifExists = SalvoIfExists() id = CompoundIdentifier() cascade = SalvoCascade()
    {
        return new SqlDropSalvoObject(s.end(this), SqlDropSalvoObject.ObjectKind.SCHEMA,
            ifExists, id, cascade);
    }
}

SqlDrop SqlDropSalvoTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
    final boolean cascade;
}
{
    <TABLE> ifExists = SalvoIfExists() id = CompoundIdentifier() cascade = SalvoCascade()
    {
        return new SqlDropSalvoObject(s.end(this), SqlDropSalvoObject.ObjectKind.TABLE,
            ifExists, id, cascade);
    }
}

SqlDrop SqlDropSalvoView(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
    final boolean cascade;
}
{
    <VIEW> ifExists = SalvoIfExists() id = CompoundIdentifier() cascade = SalvoCascade()
    {
        return new SqlDropSalvoObject(s.end(this), SqlDropSalvoObject.ObjectKind.VIEW,
            ifExists, id, cascade);
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
        <RETURN> { returnKeyword = getPos(); } body = Expression(ExprContext.ACCEPT_SUB_QUERY)
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
