package io.altokit.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Package dependencies between compiled classes, as {@code jdeps} reports them, and the cycles among
 * them. Each package edge keeps the class references behind it, so a cycle can be reported with the
 * imports that close it.
 *
 * @param references for each package, the packages it uses and, per used package, the class
 *     references ("a.B -> c.D") that make the edge
 */
record PackageGraph(SortedMap<String, SortedMap<String, SortedSet<String>>> references) {

    /** One line of {@code jdeps -verbose:class}: {@code   a.b.C   -> d.e.F   archive}. */
    private static final Pattern CLASS_EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S.*$");

    /**
     * Runs jdeps over the given class directories and jars, keeping only references between classes
     * whose names start with {@code prefix} (other libraries and the JDK cannot close a cycle through
     * our packages).
     */
    static PackageGraph scan(Collection<Path> classRoots, String prefix) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps not found: run the build on a JDK, not a JRE"));
        List<String> args = new ArrayList<>(List.of("-verbose:class", "-e", Pattern.quote(prefix) + ".*"));
        classRoots.forEach(root -> args.add(root.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps " + args + " failed (" + status + "): " + err);
        }
        SortedMap<String, SortedMap<String, SortedSet<String>>> references = new TreeMap<>();
        out.toString().lines().map(CLASS_EDGE::matcher).filter(Matcher::matches).forEach(edge -> {
            String from = edge.group(1);
            String to = edge.group(2);
            if (from.startsWith(prefix) && to.startsWith(prefix)) {
                references.computeIfAbsent(packageOf(from), p -> new TreeMap<>())
                        .computeIfAbsent(packageOf(to), p -> new TreeSet<>())
                        .add(from + " -> " + to);
            }
        });
        return new PackageGraph(references);
    }

    /** Every package that uses or is used by another scanned package. */
    Set<String> packages() {
        Set<String> packages = new TreeSet<>(references.keySet());
        references.values().forEach(used -> packages.addAll(used.keySet()));
        return packages;
    }

    /**
     * One description per group of mutually dependent packages (strongly connected component): the
     * shortest cycle through its first package, and the class references along it.
     */
    List<String> cycles() {
        return stronglyConnected().stream()
                .filter(component -> component.size() > 1)
                .map(this::describe)
                .toList();
    }

    private String describe(SortedSet<String> component) {
        List<String> cycle = shortestCycle(component.first(), component);
        StringBuilder text = new StringBuilder(String.join(" -> ", cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            for (String reference : references.get(cycle.get(i)).get(cycle.get(i + 1))) {
                text.append("\n    ").append(reference);
            }
        }
        if (component.size() > cycle.size() - 1) {
            text.append("\n  (all packages in this cycle group: ").append(component).append(')');
        }
        return text.toString();
    }

    /** Breadth-first from {@code start} back to itself, staying inside the component. */
    private List<String> shortestCycle(String start, Set<String> component) {
        Map<String, String> cameFrom = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            for (String next : used(current)) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String step = current; step != null; step = cameFrom.get(step)) {
                        path.addFirst(step);
                    }
                    return path;
                }
                if (component.contains(next) && !next.equals(current) && cameFrom.putIfAbsent(next, current) == null) {
                    queue.addLast(next);
                }
            }
        }
        throw new IllegalStateException(start + " is in a cycle group but on no cycle");
    }

    private Set<String> used(String pkg) {
        return Optional.ofNullable(references.get(pkg)).map(Map::keySet).orElse(Set.of());
    }

    /** Tarjan's algorithm; packages are visited in name order, so reports are stable. */
    private List<SortedSet<String>> stronglyConnected() {
        var tarjan = new Object() {
            final Map<String, Integer> index = new HashMap<>();
            final Map<String, Integer> low = new HashMap<>();
            final ArrayDeque<String> stack = new ArrayDeque<>();
            final Set<String> onStack = new HashSet<>();
            final List<SortedSet<String>> components = new ArrayList<>();

            void visit(String pkg) {
                index.put(pkg, index.size());
                low.put(pkg, index.get(pkg));
                stack.push(pkg);
                onStack.add(pkg);
                for (String next : used(pkg)) {
                    if (next.equals(pkg)) {
                        continue;
                    }
                    if (!index.containsKey(next)) {
                        visit(next);
                        low.merge(pkg, low.get(next), Math::min);
                    } else if (onStack.contains(next)) {
                        low.merge(pkg, index.get(next), Math::min);
                    }
                }
                if (low.get(pkg).equals(index.get(pkg))) {
                    SortedSet<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(pkg));
                    components.add(component);
                }
            }
        };
        for (String pkg : packages()) {
            if (!tarjan.index.containsKey(pkg)) {
                tarjan.visit(pkg);
            }
        }
        return tarjan.components.stream().sorted((a, b) -> a.first().compareTo(b.first())).toList();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
