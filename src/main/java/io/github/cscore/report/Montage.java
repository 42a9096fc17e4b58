package io.github.cscore.report;

import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.timeline.RecordedExampleMaps;
import io.github.cscore.timeline.Timeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report's montage: per technique, a table with one row per fixed example image and one
 * column per checkpoint, each cell the technique's map drawn over the image ({@link Overlay}).
 */
final class Montage {

    private static final int MAX_PROBLEMS_LISTED = 20;

    private final Timeline timeline;
    private final Optional<RecordedExampleMaps> maps;
    private final String problem;

    Montage(Timeline timeline, Optional<RecordedExampleMaps> maps, String problem) {
        this.timeline = timeline;
        this.maps = maps;
        this.problem = problem;
    }

    String html() {
        StringBuilder html = new StringBuilder("<h2>CAM overlays of the example images</h2>\n");
        if (!problem.isEmpty()) {
            html.append("<p class=\"no-maps\">Example maps not shown: ").append(Html.escape(problem)).append(".</p>\n");
            return html.toString();
        }
        if (maps.isEmpty()) {
            html.append("<p class=\"no-maps\">No example maps recorded. Build the monitor with optExampleImages and an "
                    + "ExampleMapsWriter beside the timeline to see them here.</p>\n");
            return html.toString();
        }
        RecordedExampleMaps recorded = maps.get();
        problems(html, recorded.problems());
        if (!recorded.hasAnyMap()) {
            html.append("<p class=\"no-maps\">Example maps were recorded in ").append(Html.escape(
                    recorded.directory().toString())).append(", but none could be read.</p>\n");
            return html.toString();
        }
        html.append("<p>The same validation images at every checkpoint, each explained for its true class; the map "
                + "in colour (<span class=\"legend\"></span> 0 to 1) over the image.</p>\n");
        Map<Integer, Phase> phases = new TreeMap<>();
        timeline.checkpoints().forEach(checkpoint -> phases.put(checkpoint.epoch(), checkpoint.phase()));
        for (String label : techniqueLabels(recorded)) {
            html.append("<h3>").append(Html.escape(displayName(label))).append("</h3>\n<div class=\"montage\"><table>\n");
            header(html, recorded, phases);
            for (int i = 0; i < recorded.images().size(); i++) {
                row(html, recorded, label, i);
            }
            html.append("</table></div>\n");
        }
        return html.toString();
    }

    /** What could not be read, file by file: the rest of the montage is shown. */
    private static void problems(StringBuilder html, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        html.append("<div class=\"warning\"><p>").append(problems.size())
                .append(problems.size() == 1 ? " example-map file" : " example-map files")
                .append(" could not be read and are left out:</p>\n<ul>\n");
        problems.stream().limit(MAX_PROBLEMS_LISTED)
                .forEach(line -> html.append("<li>").append(Html.escape(line)).append("</li>\n"));
        if (problems.size() > MAX_PROBLEMS_LISTED) {
            html.append("<li>and ").append(problems.size() - MAX_PROBLEMS_LISTED).append(" more</li>\n");
        }
        html.append("</ul></div>\n");
    }

    /** Techniques in technique order: the built-ins first, then any other label, alphabetically. */
    private static Set<String> techniqueLabels(RecordedExampleMaps recorded) {
        Set<Technique> techniques = new TreeSet<>();
        recorded.epochs().values().forEach(byLabel -> byLabel.keySet().forEach(l -> techniques.add(Technique.recorded(l))));
        Set<String> ordered = new LinkedHashSet<>();
        techniques.forEach(technique -> ordered.add(technique.label()));
        return ordered;
    }

    private static String displayName(String label) {
        return Technique.recorded(label).displayName();
    }

    private static void header(StringBuilder html, RecordedExampleMaps recorded, Map<Integer, Phase> phases) {
        html.append("<tr><th class=\"image\">image</th>");
        for (int epoch : recorded.epochs().keySet()) {
            Phase phase = phases.get(epoch);
            html.append("<th>epoch ").append(epoch).append(phase == null ? "" : "<br>" + phase.label()).append("</th>");
        }
        html.append("</tr>\n");
    }

    private static void row(StringBuilder html, RecordedExampleMaps recorded, String label, int index) {
        ExampleImage image = recorded.images().get(index);
        String alt = Html.escape(image.className() + " " + image.id());
        html.append("<tr><td><img class=\"example\" alt=\"").append(alt).append("\" title=\"").append(alt)
                .append("\" src=\"").append(Overlay.pngDataUri(Overlay.blend(image.grayscale(), null, image.width(),
                        image.height(), 0f, 1)))
                .append("\">").append(Html.escape(image.className())).append("</td>");
        for (Map.Entry<Integer, Map<String, List<float[]>>> epoch : recorded.epochs().entrySet()) {
            List<float[]> technique = epoch.getValue().get(label);
            if (technique == null || technique.get(index) == null) {
                html.append(technique == null ? "<td class=\"missing\">&mdash;</td>"
                        : "<td class=\"missing\" title=\"this map's file could not be read\">?</td>");
                continue;
            }
            String title = Html.escape(displayName(label) + ", epoch " + epoch.getKey() + ", " + image.className()
                    + " " + image.id());
            html.append("<td><img class=\"overlay\" alt=\"").append(title).append("\" title=\"").append(title)
                    .append("\" src=\"").append(Overlay.pngDataUri(Overlay.blend(image.grayscale(),
                            technique.get(index), image.width(), image.height(), Overlay.DEFAULT_ALPHA, 1)))
                    .append("\"></td>");
        }
        html.append("</tr>\n");
    }
}
