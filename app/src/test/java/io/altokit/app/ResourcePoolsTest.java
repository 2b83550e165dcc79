package io.altokit.app;

import io.altokit.core.CostCalendar;
import io.altokit.core.CostMatrix;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ResourcePoolsTest {

    private static final String NETWORK_MAP = """
            network-map:
              a: { ipv4: [10.1.0.0/16] }
              b: { ipv4: [10.2.0.0/16] }
              c: { ipv4: [10.3.0.0/16] }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Loads a network file of the three areas a, b, c plus {@code sections}, from the temporary directory. */
    private Snapshot load(String sections) throws IOException {
        return NetworkFiles.load(write("network.yaml", NETWORK_MAP + sections));
    }

    private static double cost(Snapshot snapshot, String metric, String src, String dst) {
        NetworkMap map = snapshot.networkMap();
        CostMatrix matrix = snapshot.costMatrix(metric).orElseThrow();
        return matrix.cost(map.indexOf(src).orElseThrow(), map.indexOf(dst).orElseThrow());
    }

    private static String csv(double[][] values) {
        StringBuilder csv = new StringBuilder(",a,b,c\n");
        String[] areas = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            csv.append(areas[i]);
            for (double value : values[i]) {
                csv.append(',').append(value);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String json(double[][] values) {
        String[] areas = {"a", "b", "c"};
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 3; i++) {
            json.append(i > 0 ? ", " : "").append('"').append(areas[i]).append("\": {");
            for (int j = 0; j < 3; j++) {
                json.append(j > 0 ? ", " : "").append('"').append(areas[j]).append("\": ").append(values[i][j]);
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    private void assertLoadFails(String sections, String... messages) {
        assertThatThrownBy(() -> load(sections))
                .isInstanceOf(ProvisioningException.class)
                .satisfies(e -> {
                    for (String message : messages) {
                        assertThat(e.getMessage()).contains(message.replace("$DIR", dir.toString()));
                    }
                });
    }

    @Test
    void theRatedExampleServesEveryPoolAndTheRating() throws Exception {
        Snapshot snapshot = NetworkFiles.load(Path.of("..", "examples", "rated", "network.yaml"));
        assertThat(snapshot.metrics()).containsExactly("delay-rt", "hopcount", "priv:distance-km",
                "priv:monetary-per-gb", "priv:utilization", "routingcost");
        assertThat(cost(snapshot, "delay-rt", "area-01", "area-02")).isEqualTo(4300);
        assertThat(cost(snapshot, "priv:distance-km", "area-01", "area-02")).isEqualTo(252.0);
        assertThat(cost(snapshot, "priv:monetary-per-gb", "area-05", "external")).isEqualTo(0.012);
        assertThat(cost(snapshot, "priv:utilization", "area-02", "area-01")).isEqualTo(0.92);
        assertThat(cost(snapshot, "hopcount", "area-02", "external")).isEqualTo(3);
        CostMatrix rating = snapshot.costMatrix("routingcost").orElseThrow();
        for (int i = 0; i < rating.size(); i++) {
            for (int j = 0; j < rating.size(); j++) {
                assertThat(rating.cost(i, j)).isBetween(0.0, 1.0);
            }
        }
        // From Krakow, the loaded link makes nearer Warszawa rate worse than Poznan.
        assertThat(cost(snapshot, "delay-rt", "area-02", "area-01")).isLessThan(cost(snapshot, "delay-rt", "area-02", "area-05"));
        assertThat(cost(snapshot, "routingcost", "area-02", "area-05")).isLessThan(cost(snapshot, "routingcost", "area-02", "area-01"));
    }

    @ParameterizedTest
    @CsvSource({
        "rtt,         delay-rt,             1000",
        "monetary,    priv:monetary-per-gb, 1",
        "utilization, priv:utilization,     1",
        "hopcount,    hopcount,             1"})
    void eachMatrixPoolReadsCsvAndJsonAsItsOwnMetric(String pool, String metric, double toMetricUnit) throws Exception {
        double[][] values = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}, {0.7, 0.8, 0.9}};
        write("pool.csv", csv(values));
        write("pool.json", json(values));
        Snapshot fromCsv = load("resource-pools: { " + pool + ": pool.csv }\n");
        Snapshot fromJson = load("resource-pools: { " + pool + ": pool.json }\n");
        String[] areas = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = values[i][j] * toMetricUnit;
                assertThat(cost(fromCsv, metric, areas[i], areas[j])).isCloseTo(expected, within(1e-9));
                assertThat(cost(fromJson, metric, areas[i], areas[j])).isCloseTo(expected, within(1e-9));
            }
        }
        assertThat(fromCsv.metrics()).containsExactly(metric, "routingcost");
        assertThat(cost(fromCsv, "routingcost", "a", "b")).as("alone, a pool rates as itself (penalised) over its maximum")
                .isCloseTo(pool.equals("utilization") ? 0.2 / (11.0 / 3) : 0.2 / 0.9, within(1e-12));
    }

    @Test
    void rttInMillisecondsIsServedInExactMicroseconds() throws Exception {
        write("rtt.csv", ",a,b,c\na,1.1,4.3,0.007\nb,1,1,1\nc,1,1,1\n");
        Snapshot snapshot = load("resource-pools: { rtt: rtt.csv }\n");
        assertThat(cost(snapshot, "delay-rt", "a", "a")).isEqualTo(1100);
        assertThat(cost(snapshot, "delay-rt", "a", "b")).isEqualTo(4300);
        assertThat(cost(snapshot, "delay-rt", "a", "c")).isEqualTo(7);
    }

    @Test
    void csvMayQuoteReorderColumnsAndComment() throws Exception {
        write("rtt.csv", "# measured 2024-05\n\"\",\"c\",\"a\",\"b\"\n\"b\", 3 , 1 , 2\na,6,4,5\n\nc,9,7,8\n");
        Snapshot snapshot = load("resource-pools: { rtt: rtt.csv }\n");
        assertThat(cost(snapshot, "delay-rt", "b", "c")).isEqualTo(3000);
        assertThat(cost(snapshot, "delay-rt", "a", "b")).isEqualTo(5000);
        assertThat(cost(snapshot, "delay-rt", "c", "a")).isEqualTo(7000);
    }

    @Test
    void distanceIsTheGreatCircleBetweenCoordinates() throws Exception {
        Snapshot snapshot = load("""
                resource-pools:
                  distance:
                    a: { lat: 52.2297, lon: 21.0122 }   # Warszawa
                    b: { lat: 50.0647, lon: 19.9450 }   # Krakow
                    c: { lat: -33.8688, lon: 151.2093 } # Sydney
                """);
        assertThat(cost(snapshot, "priv:distance-km", "a", "b")).isCloseTo(252, within(1.0));
        assertThat(cost(snapshot, "priv:distance-km", "b", "a")).isEqualTo(cost(snapshot, "priv:distance-km", "a", "b"));
        assertThat(cost(snapshot, "priv:distance-km", "a", "a")).isZero();
        assertThat(cost(snapshot, "priv:distance-km", "a", "c")).as("Warszawa-Sydney").isCloseTo(15_580, within(60.0));
    }

    @Test
    void raisingTheMonetaryWeightRanksTheCheapFarAreaAboveTheNearExpensiveOne() throws Exception {
        // From a: b is near (2 ms) but costly (0.05 per GB), c is far (8 ms) but cheap (0.02).
        write("rtt.csv", ",a,b,c\na,1,2,8\nb,2,1,6\nc,8,6,1\n");
        write("monetary.json", """
                {"a": {"a": 0, "b": 0.05, "c": 0.02}, "b": {"a": 0.05, "b": 0, "c": 0.02}, "c": {"a": 0.02, "b": 0.02, "c": 0}}
                """);
        String pools = "resource-pools: { rtt: rtt.csv, monetary: monetary.json }\n";
        Snapshot equal = load(pools);
        assertThat(cost(equal, "routingcost", "a", "b")).isCloseTo(0.625, within(1e-12));
        assertThat(cost(equal, "routingcost", "a", "c")).isCloseTo(0.7, within(1e-12));
        Snapshot thrifty = load(pools + "rating: { weights: { rtt: 1, monetary: 3 } }\n");
        assertThat(cost(thrifty, "routingcost", "a", "b")).isCloseTo(0.8125, within(1e-12));
        assertThat(cost(thrifty, "routingcost", "a", "c")).isCloseTo(0.55, within(1e-12));
        Snapshot rttOnly = load(pools + "rating: { weights: { monetary: 0 } }\n");
        assertThat(cost(rttOnly, "routingcost", "a", "c")).isEqualTo(1);
        assertThat(rttOnly.metrics()).as("a pool weighing 0 is still served").contains("priv:monetary-per-gb");
    }

    @Test
    void aMissingEntryNamesTheFileTheRowAndTheColumn() throws Exception {
        write("rtt.csv", ",a,b,c\na,1,2,3\nb,1,,3\nc,1,2\n");
        write("monetary.json", """
                {"a": {"a": 0, "b": 1, "c": 1}, "b": {"a": 1, "b": 0}, "c": {"a": 1, "b": 1, "c": 0}}
                """);
        assertLoadFails("resource-pools: { rtt: rtt.csv, monetary: monetary.json }\n",
                "$DIR/rtt.csv: row b (line 3), column b: missing value",
                "$DIR/rtt.csv: row c (line 4), column c: missing value",
                "$DIR/monetary.json: row b, column c: missing value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            rtt         | ',a,b,c\\na,1,2,3\\nb,1,x,3\\nc,1,2,3'      | row b (line 3), column b: expected a number, got x
            rtt         | ',a,b,c\\na,1,2,3\\nb,1,NaN,3\\nc,1,2,3'    | row b (line 3), column b: expected a number, got NaN
            rtt         | ',a,b,c\\na,1,2,3\\nb,1,-3,3\\nc,1,2,3'     | row b (line 3), column b: -3 is out of range: a round-trip time in ms is at least 0
            monetary    | ',a,b,c\\na,1,2,3\\nb,1,1,3\\nc,1,-0.5,3'   | row c (line 4), column b: -0.5 is out of range: a price per GB is at least 0
            utilization | ',a,b,c\\na,1,0.2,1.5\\nb,1,1,1\\nc,1,1,1'  | row a (line 2), column c: 1.5 is out of range: a utilization is from 0 to 1
            hopcount    | ',a,b,c\\na,0,1,2\\nb,1,0,1\\nc,2,1,0,4'    | row c (line 4): 4 values for 3 columns
            rtt         | ',a,b,c,zz\\na,1,2,3,4\\nb,1,2,3,4\\nc,1,2,3,4\\nzz,1,2,3,4' | area zz is not a PID of network-map
            rtt         | ',a,b,c\\na,1,2,3\\nb,1,2,3\\nc,1,2,3\\nb,1,2,3'  | row b (line 5): row b is given twice
            rtt         | ',a,b\\na,1,2\\nb,1,2\\nc,1,2'               | row c (line 4) has no column: the matrix must be square over the same areas
            rtt         | ',a,b,c\\na,1,2,3\\nb,1,2,3'                 | column c has no row: the matrix must be square over the same areas
            rtt         | ',a,a,c\\na,1,2,3\\nb,1,2,3'                 | header (line 1): column a is given twice
            rtt         | ''                                           | empty: expected a header line of areas, then one line per area
            rtt         | ',a,b\na,"1,2\nb,1,2'                    | line 2: not valid CSV
            """)
    void csvProblemsNameTheFileRowAndColumn(String pool, String content, String expected) throws Exception {
        write("pool.csv", content.replace("\\n", "\n"));
        assertLoadFails("resource-pools: { " + pool + ": pool.csv }\n", "$DIR/pool.csv: " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '{"a": {"a": 1, "b": "5"}, "b": {"a": 1, "b": 1}}'           | row a, column b: expected a number, got "5"
            '{"a": {"a": 1, "b": null}, "b": {"a": 1, "b": 1}}'          | row a, column b: expected a number, got null
            '{"a": {"a": 1, "b": 2}, "b": {"a": 1, "b": 1, "zz": 1}}'    | column zz has no row: the matrix must be square over the same areas
            '{"a": {"a": 1, "b": 2}, "b": [1, 1]}'                       | row b: expected an object of columns to numbers, got [1,1]
            '{"a": {"a": 1}, "a": {"a": 2}}'                             | not valid JSON: Duplicate field 'a'
            '[1, 2]'                                                     | expected an object of rows, each an object of columns to numbers
            '{"a": {"a": 1'                                              | not valid JSON
            """)
    void jsonProblemsNameTheFileRowAndColumn(String content, String expected) throws Exception {
        write("pool.json", content);
        assertLoadFails("resource-pools: { rtt: pool.json }\n", "$DIR/pool.json: " + expected);
    }

    @Test
    void allProblemsOfAllPoolsAreReportedAtOnce() throws Exception {
        write("rtt.csv", ",a,b\na,1,-1\nb,x,1\n");
        write("utilization.json", "{\"a\": {\"a\": 2, \"b\": 0}, \"b\": {\"a\": 0}}");
        assertLoadFails("resource-pools: { rtt: rtt.csv, utilization: utilization.json, distance: { a: { lat: 91, lon: 0 } } }\n",
                "$DIR/rtt.csv: row a (line 2), column b: -1 is out of range",
                "$DIR/rtt.csv: row b (line 3), column a: expected a number, got x",
                "$DIR/utilization.json: row a, column a: 2 is out of range: a utilization is from 0 to 1",
                "$DIR/utilization.json: row b, column b: missing value",
                "network.yaml: resource-pools.distance.a: latitude 91.0 is out of range: it is from -90 to 90");
    }

    @Test
    void theMistakesOfEverySectionAreReportedInOneLineFirstFoundFirst() {
        assertThatThrownBy(() -> load("""
                costs: { routingcost: { a: { b: high } } }
                resource-pools: { distance: { a: { lat: 91, lon: 0 }, b: { lat: 0, lon: 181 } } }
                """))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage(String.join("; ",
                        dir.resolve("network.yaml") + ": resource-pools.distance.a: latitude 91.0 is out of range: it is from -90 to 90",
                        dir.resolve("network.yaml") + ": resource-pools.distance.b: longitude 181.0 is out of range: it is from -180 to 180",
                        dir.resolve("network.yaml") + ": costs.routingcost.a.b: expected a number, got \"high\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            resource-pools: { rtt: nope.csv }                          | $DIR/nope.csv: no such file
            resource-pools: { rtt: rtt.txt }                           | $DIR/rtt.txt: unknown matrix format: use a .csv or .json file
            resource-pools: { rtt: 12 }                                | resource-pools.rtt: expected the name of a .csv or .json file, got 12
            resource-pools: { latency: rtt.csv }                       | resource-pools.latency: unknown setting (known: calendar, distance, hopcount, monetary, rtt, utilization)
            resource-pools: { rrt: rtt.csv }                           | resource-pools.rrt: unknown setting (known: calendar, distance, hopcount, monetary, rtt, utilization); did you mean 'rtt'?
            resource-pools: []                                         | resource-pools: expected a mapping of pools
            resource-pools: { distance: { a: { lat: 10, lon: 181 } } } | resource-pools.distance.a: longitude 181.0 is out of range: it is from -180 to 180
            resource-pools: { distance: { zz: { lat: 10, lon: 10 } } } | resource-pools.distance.zz: area zz is not a PID of network-map
            resource-pools: { distance: { a: { lat: 10 } } }           | resource-pools.distance.a: expected { lat: degrees, lon: degrees }, got {"lat":10}
            rating: { weights: { rtt: 1 } }                            | rating: there is no resource-pools section to rate
            """)
    void sectionProblemsNameTheNetworkFileAndEntry(String sections, String expected) throws Exception {
        write("rtt.txt", "");
        assertLoadFails(sections.replace("\\n", "\n") + "\n", expected);
    }

    @Test
    void anUnknownPoolIsTheOnlyProblemReported() {
        assertThatThrownBy(() -> load("resource-pools: { latency: rtt.csv }\n"))
                .hasMessage(dir.resolve("network.yaml") + ": resource-pools.latency: unknown setting"
                        + " (known: calendar, distance, hopcount, monetary, rtt, utilization)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            { rtt: -1 }                 | rating.weights.rtt: the weight of "delay-rt" is -1.0: a weight must be finite and not negative
            { rtt: 1e999 }              | rating.weights.rtt: the weight of "delay-rt" is Infinity
            { rtt: 0, monetary: 0 }     | rating.weights: no criterion has a weight above 0
            { rtt: high }               | rating.weights.rtt: expected a number, got "high"
            { latency: 1 }              | rating.weights.latency: unknown setting
            { distance: 1 }             | rating.weights.distance: there is no distance pool in resource-pools
            """)
    void weightsAreFiniteNotNegativeAndOneAboveZero(String weights, String expected) throws Exception {
        write("rtt.csv", csv(new double[][] {{1, 2, 3}, {2, 1, 2}, {3, 2, 1}}));
        write("monetary.csv", csv(new double[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}}));
        assertLoadFails("resource-pools: { rtt: rtt.csv, monetary: monetary.csv }\nrating: { weights: " + weights + " }\n",
                "network.yaml: " + expected);
    }

    @Test
    void routingcostIsEitherRatedOrGivenAndEachPoolMetricIsGivenOnce() throws Exception {
        write("rtt.csv", csv(new double[][] {{1, 2, 3}, {2, 1, 2}, {3, 2, 1}}));
        assertLoadFails("""
                resource-pools: { rtt: rtt.csv }
                costs:
                  routingcost: { a: { b: 1 } }
                """, "network.yaml: costs for \"routingcost\" are given although a rating computes them");
        assertLoadFails("""
                resource-pools: { rtt: rtt.csv }
                costs:
                  delay-rt: { a: { b: 1 } }
                """, "network.yaml: costs.delay-rt: also given by resource-pools.rtt: give it in one place");
    }

    @Test
    void ratedPoolsCoverTheSameAreas() throws Exception {
        write("rtt.csv", csv(new double[][] {{1, 2, 3}, {2, 1, 2}, {3, 2, 1}}));
        write("hops.csv", ",a,b\na,0,1\nb,1,0\n");
        assertLoadFails("resource-pools: { rtt: rtt.csv, hopcount: hops.csv }\n",
                "network.yaml: resource-pools: the rated pools must cover the same areas, but hopcount ($DIR/hops.csv) lacks c"
                        + " the areas of rtt ($DIR/rtt.csv)");
        Snapshot unrated = load("resource-pools: { rtt: rtt.csv, hopcount: hops.csv }\nrating: { weights: { hopcount: 0 } }\n");
        assertThat(cost(unrated, "hopcount", "a", "b")).as("a pool weighing 0 may cover fewer areas").isEqualTo(1);
    }

    private static double cost(CostMatrix matrix, NetworkMap map, String src, String dst) {
        return matrix.cost(map.indexOf(src).orElseThrow(), map.indexOf(dst).orElseThrow());
    }

    @Test
    void theRatedExampleRatesEachIntervalOfItsUtilizationCalendar() throws Exception {
        Snapshot snapshot = NetworkFiles.load(Path.of("..", "examples", "rated", "network.yaml"));
        CostCalendar utilization = snapshot.calendar("priv:utilization").orElseThrow();
        assertThat(utilization.size()).isEqualTo(6);
        assertThat(utilization.intervalSeconds()).isEqualTo(4 * 3600);
        assertThat(utilization.repeated()).hasValue(7);
        NetworkMap map = snapshot.networkMap();
        assertThat(cost(utilization.intervals().get(0), map, "area-02", "area-01")).isEqualTo(0.32);
        assertThat(cost(utilization.intervals().get(5), map, "area-02", "area-01")).isEqualTo(0.99);
        CostCalendar rating = snapshot.calendar("routingcost").orElseThrow();
        assertThat(rating.size()).isEqualTo(6);
        CostMatrix night = rating.intervals().get(0);
        CostMatrix evening = rating.intervals().get(5);
        // From Krakow: at night nearer Warszawa rates first; in the evening, its link full, Poznan does.
        assertThat(cost(night, map, "area-02", "area-01")).isLessThan(cost(night, map, "area-02", "area-05"));
        assertThat(cost(evening, map, "area-02", "area-05")).isLessThan(cost(evening, map, "area-02", "area-01"));
        assertThat(snapshot.calendars()).containsOnlyKeys("priv:utilization", "routingcost");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            { interval: 1h }                                      | resource-pools.calendar: names no pool
            { utilization: [u0.csv] }                             | resource-pools.calendar: expected { interval: a duration such as 1h
            { interval: 90, utilization: [u0.csv] }               | resource-pools.calendar.interval: expected a duration
            { interval: 1500ms, utilization: [u0.csv] }           | resource-pools.calendar.interval: must be whole seconds
            { interval: 1h, distance: [u0.csv] }                  | resource-pools.calendar.distance: distances between areas do not vary over time
            { interval: 1h, rtt: [u0.csv] }                       | resource-pools.calendar.rtt: there is no rtt pool in resource-pools
            { interval: 1h, utilization: u0.csv }                 | resource-pools.calendar.utilization: expected a list of matrix files, one per interval
            { interval: 1h, utilization: [] }                     | resource-pools.calendar.utilization: expected a list of matrix files, one per interval
            { interval: 1h, latency: [u0.csv] }                   | resource-pools.calendar.latency: unknown setting (known: hopcount, interval, monetary, repeated, rtt, utilization)
            { interval: 1h, repeated: 0, utilization: [u0.csv] }  | resource-pools.calendar.repeated: expected an integer 1..
            """)
    void calendarSectionProblemsNameTheEntry(String calendar, String expected) throws Exception {
        write("u.csv", csv(new double[][] {{0.1, 0.2, 0.3}, {0.2, 0.1, 0.2}, {0.3, 0.2, 0.1}}));
        write("u0.csv", csv(new double[][] {{0.1, 0.2, 0.3}, {0.2, 0.1, 0.2}, {0.3, 0.2, 0.1}}));
        assertLoadFails("resource-pools: { utilization: u.csv, calendar: " + calendar + " }\n", "network.yaml: " + expected);
    }

    @Test
    void everyIntervalIsCheckedLikeAPoolFileAndCoversItsPoolsAreas() throws Exception {
        write("u.csv", csv(new double[][] {{0.1, 0.2, 0.3}, {0.2, 0.1, 0.2}, {0.3, 0.2, 0.1}}));
        write("u0.csv", ",a,b\na,0.1,0.2\nb,0.2,0.1\n");
        write("u1.csv", csv(new double[][] {{0.1, 1.5, 0.3}, {0.2, 0.1, 0.2}, {0.3, 0.2, 0.1}}));
        assertLoadFails("resource-pools: { utilization: u.csv, calendar: { interval: 12h, utilization: [u0.csv, u1.csv, nope.csv] } }\n",
                "network.yaml: resource-pools.calendar.utilization[0] ($DIR/u0.csv) lacks c the areas of $DIR/u.csv",
                "$DIR/u1.csv: row a (line 2), column b: 1.5 is out of range: a utilization is from 0 to 1",
                "$DIR/nope.csv: no such file");
    }

    @Test
    void everyPoolsCalendarHasAsManyIntervals() throws Exception {
        write("rtt.csv", csv(new double[][] {{1, 2, 3}, {2, 1, 2}, {3, 2, 1}}));
        write("u.csv", csv(new double[][] {{0.1, 0.2, 0.3}, {0.2, 0.1, 0.2}, {0.3, 0.2, 0.1}}));
        assertLoadFails("resource-pools: { rtt: rtt.csv, utilization: u.csv,"
                        + " calendar: { interval: 1h, utilization: [u.csv], rtt: [rtt.csv, rtt.csv] } }\n",
                "network.yaml: resource-pools.calendar: every pool's calendar must have as many intervals, but rtt has 2, utilization has 1");
    }
}
