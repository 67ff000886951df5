package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** PNG charts (JFreeChart, headless): latency percentiles per broker and throughput bars. */
public final class Charts {
    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.99};

    private Charts() {
    }

    /** Latency by percentile, one line per broker (µs, log scale). */
    public static void latency(Path png, String title, Map<String, Histogram> byBroker) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        byBroker.forEach((broker, h) -> {
            for (double p : PERCENTILES) {
                data.addValue(Math.max(1, h.getValueAtPercentile(p) / 1e3), broker, "p" + trim(p));
            }
            data.addValue(Math.max(1, h.getMaxValue() / 1e3), broker, "max");
        });
        JFreeChart chart = ChartFactory.createLineChart(title, "percentile", "latency (µs)", data,
                PlotOrientation.VERTICAL, true, false, false);
        LogarithmicAxis axis = new LogarithmicAxis("latency (µs, log)");
        axis.setAllowNegativesFlag(false);
        chart.getCategoryPlot().setRangeAxis(axis);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
    }

    /** Bars of the medians: one group per figure (e.g. "1→1"), one bar per broker. */
    public static void bars(Path png, String title, String unit, Map<String, Map<String, Double>> byFigure)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        byFigure.forEach((figure, byBroker) -> byBroker.forEach((broker, v) -> data.addValue(v, broker, figure)));
        JFreeChart chart = ChartFactory.createBarChart(title, "", unit, data, PlotOrientation.VERTICAL, true,
                false, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
