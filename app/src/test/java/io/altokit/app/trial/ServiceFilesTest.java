package io.altokit.app.trial;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceFilesTest {

    @Test
    void theNetworkFileHasEmptyAreasFilledByEachRoutersCommunity() {
        String yaml = ServiceFiles.networkFile(2);

        assertThat(yaml).contains("  area-1: {}\n  area-2: {}\n")
                .contains("    area-1: { area-1: 1, area-2: 10 }\n    area-2: { area-1: 10, area-2: 1 }\n")
                .contains("  listen: \"198.19.255.1:1179\"\n")
                .contains("    - { address: 198.19.1.2, remote-as: 65101 }\n    - { address: 198.19.2.2, remote-as: 65102 }\n")
                .contains("    - { community: \"65000:101\", pid: area-1 }\n    - { community: \"65000:102\", pid: area-2 }\n");
    }

    @Test
    void eachRouterAnnouncesItsAreaFromItsUplinkAddress() {
        String bird = ServiceFiles.birdConfig(2);

        assertThat(bird).contains("router id 198.19.2.2;")
                .contains("route 198.18.2.0/24 blackhole { bgp_community.add((65000,102)); };")
                .contains("local 198.19.2.2 as 65102;")
                .contains("neighbor 198.19.255.1 port 1179 as 65000;");
    }
}
