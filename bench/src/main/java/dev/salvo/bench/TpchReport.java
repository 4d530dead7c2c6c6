package dev.salvo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler;

/**
 * The TPC-H results side by side: a text table of medians with the ratios Salvo/DuckDB and
 * Calcite/Salvo, the same as JSON, and a bar chart (log scale) as PNG.
 */
public final class TpchReport {
  static final String SALVO = "Salvo";
  static final String DUCKDB = "DuckDB";
  static final String CALCITE = "Calcite";

  private final Map<String, Object> setup;
  private final List<String> engines;
  private final List<Integer> queries;
  private final Map<String, Map<Integer, Measurement>> byEngine = new LinkedHashMap<>();

  public TpchReport(Map<String, Object> setup, List<String> engines, List<Integer> queries,
      List<Measurement> measurements) {
    this.setup = setup;
    this.engines = List.copyOf(engines);
    this.queries = List.copyOf(queries);
    for (String engine : engines) {
      byEngine.put(engine, new LinkedHashMap<>());
    }
    for (Measurement measurement : measurements) {
      byEngine.get(measurement.engine()).put(measurement.query(), measurement);
    }
  }

  /** {@code numerator / denominator} of two engines' medians on {@code query}, or NaN. */
  double ratio(String numerator, String denominator, int query) {
    Measurement top = measurement(numerator, query);
    Measurement bottom = measurement(denominator, query);
    if (top == null || bottom == null || !top.ran() || !bottom.ran()) {
      return Double.NaN;
    }
    return top.medianMillis() / bottom.medianMillis();
  }

  /** The geometric mean of a ratio over the queries where both engines ran, or NaN. */
  double geometricMeanRatio(String numerator, String denominator) {
    double logSum = 0;
    int count = 0;
    for (int query : queries) {
      double ratio = ratio(numerator, denominator, query);
      if (!Double.isNaN(ratio)) {
        logSum += Math.log(ratio);
        count++;
      }
    }
    return count == 0 ? Double.NaN : Math.exp(logSum / count);
  }

  private Measurement measurement(String engine, int query) {
    Map<Integer, Measurement> measurements = byEngine.get(engine);
    return measurements == null ? null : measurements.get(query);
  }

  /** The table printed at the end of a run (and pasted into RESULTS.md). */
  public String table() {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    header.add("Query");
    for (String engine : engines) {
      header.add(engine + " ms");
    }
    header.add("Salvo/DuckDB");
    header.add("Calcite/Salvo");
    header.add("Answers");
    out.append(row(header)).append('\n').append(separator(header.size())).append('\n');
    for (int query : queries) {
      List<String> cells = new ArrayList<>();
      cells.add("Q" + query);
      List<String> checks = new ArrayList<>();
      for (String engine : engines) {
        Measurement measurement = measurement(engine, query);
        if (measurement == null) {
          cells.add("-");
        } else if (!measurement.ran()) {
          cells.add("cannot run");
          checks.add(engine + ": " + measurement.error());
        } else {
          cells.add(String.format(Locale.ROOT, "%.1f", measurement.medianMillis()));
          if (measurement.answerCheck() != null && !measurement.answerCheck().equals("same")
              && !measurement.answerCheck().equals("reference")) {
            checks.add(engine + ": " + measurement.answerCheck());
          }
        }
      }
      cells.add(formatRatio(ratio(SALVO, DUCKDB, query)));
      cells.add(formatRatio(ratio(CALCITE, SALVO, query)));
      cells.add(checks.isEmpty() ? "agree" : String.join("; ", checks).replace('|', '/'));
      out.append(row(cells)).append('\n');
    }
    List<String> totals = new ArrayList<>();
    totals.add("Sum");
    for (String engine : engines) {
      double sum = 0;
      boolean complete = true;
      for (int query : queries) {
        Measurement measurement = measurement(engine, query);
        if (measurement == null || !measurement.ran()) {
          complete = false;
        } else {
          sum += measurement.medianMillis();
        }
      }
      totals.add(String.format(Locale.ROOT, "%.1f%s", sum, complete ? "" : " (partial)"));
    }
    totals.add("geo-mean " + formatRatio(geometricMeanRatio(SALVO, DUCKDB)));
    totals.add("geo-mean " + formatRatio(geometricMeanRatio(CALCITE, SALVO)));
    totals.add("");
    out.append(row(totals)).append('\n');
    return out.toString();
  }

  static String formatRatio(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  private static String separator(int columns) {
    return "|" + "---|".repeat(columns);
  }

  /** Writes the setup and every measurement as JSON. */
  public void writeJson(Path file) throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("setup", setup);
    List<Map<String, Object>> results = new ArrayList<>();
    for (int query : queries) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("query", query);
      for (String engine : engines) {
        Measurement measurement = measurement(engine, query);
        if (measurement == null) {
          continue;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("medianMillis", measurement.ran() ? measurement.medianMillis() : null);
        result.put("runMillis", measurement.runMillis());
        result.put("rows", measurement.rows());
        result.put("error", measurement.error());
        result.put("answerCheck", measurement.answerCheck());
        entry.put(engine, result);
      }
      entry.put("salvoOverDuckDb", nullIfNaN(ratio(SALVO, DUCKDB, query)));
      entry.put("calciteOverSalvo", nullIfNaN(ratio(CALCITE, SALVO, query)));
      results.add(entry);
    }
    document.put("queries", results);
    document.put("geometricMeanSalvoOverDuckDb", nullIfNaN(geometricMeanRatio(SALVO, DUCKDB)));
    document.put("geometricMeanCalciteOverSalvo", nullIfNaN(geometricMeanRatio(CALCITE, SALVO)));
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(),
        document);
  }

  private static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : value;
  }

  /** Writes a bar chart of the medians per query and engine, log scale, as PNG. */
  public void writeChart(Path file, String title) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(1400).height(600).title(title)
        .xAxisTitle("TPC-H query").yAxisTitle("median ms (log scale)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setOverlapped(false);
    // Bars start at zero, which a log axis cannot show: points per query instead.
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
    chart.getStyler().setYAxisMin(0.1);
    List<String> labels = queries.stream().map(query -> "Q" + query).toList();
    for (String engine : engines) {
      List<Double> medians = new ArrayList<>();
      for (int query : queries) {
        Measurement measurement = measurement(engine, query);
        // A query an engine could not run gets no point.
        medians.add(measurement != null && measurement.ran()
            ? Math.max(measurement.medianMillis(), 0.1) : null);
      }
      chart.addSeries(engine, labels, medians);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
