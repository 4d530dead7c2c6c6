<#--
  Salvo's grammar productions, appended to Calcite's Parser.jj template.
-->
