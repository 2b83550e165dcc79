package io.altokit.sim.sweep;

import io.altokit.sim.stats.Confidence;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** PNG bar charts of a metric per policy, with 95 % confidence intervals as error bars (JFreeChart). */
final class Plots {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;

    private Plots() {
    }

    static Path bars(Path file, String title, String axisLabel, String metric, Map<String, Map<String, Confidence>> table)
            throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        table.forEach((policy, row) -> {
            Confidence value = row.get(metric);
            data.add(value.mean(), Double.isNaN(value.halfWidth()) ? 0 : value.halfWidth(), "mean, 95 % CI", policy);
        });
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setSeriesPaint(0, new Color(0x4C72B0));
        renderer.setErrorIndicatorPaint(Color.BLACK);
        NumberAxis values = new NumberAxis(axisLabel);
        values.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("policy"), values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
