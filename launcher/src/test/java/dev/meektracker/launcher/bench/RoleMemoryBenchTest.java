package dev.meektracker.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleMemoryBenchTest {

    @Test
    void enginePassesKeepTheLatestCountAndTotalAndTheLongestOfEveryScrape() {
        Map<String, RoleMemoryBench.EnginePass> passes = new LinkedHashMap<>();
        RoleMemoryBench.enginePasses(Map.of(), passes);
        assertThat(passes).as("a role not up yet").isEmpty();

        RoleMemoryBench.enginePasses(
                Map.of(
                        "meektracker_engine_pass_seconds_count{pass=\"refit\"}", 1.0,
                        "meektracker_engine_pass_seconds_sum{pass=\"refit\"}", 0.8,
                        "meektracker_engine_pass_max_seconds{pass=\"refit\"}", 0.8,
                        "meektracker_engine_pass_seconds_count{pass=\"checkpoint\"}", 40.0,
                        "meektracker_engine_pass_seconds_sum{pass=\"checkpoint\"}", 0.5,
                        "meektracker_engine_pass_max_seconds{pass=\"checkpoint\"}", 0.05),
                passes);
        // Two minutes on, the role's own maximum has forgotten the 0.8 s refit: the run's longest stays.
        RoleMemoryBench.enginePasses(
                Map.of(
                        "meektracker_engine_pass_seconds_count{pass=\"refit\"}", 2.0,
                        "meektracker_engine_pass_seconds_sum{pass=\"refit\"}", 1.1,
                        "meektracker_engine_pass_max_seconds{pass=\"refit\"}", 0.3,
                        "meektracker_engine_pass_seconds_count{pass=\"checkpoint\"}", 90.0,
                        "meektracker_engine_pass_seconds_sum{pass=\"checkpoint\"}", 1.5,
                        "meektracker_engine_pass_max_seconds{pass=\"checkpoint\"}", 0.07),
                passes);

        assertThat(passes)
                .containsOnlyKeys("refit", "checkpoint")
                .containsEntry("refit", new RoleMemoryBench.EnginePass(2, 1.1, 0.8))
                .containsEntry("checkpoint", new RoleMemoryBench.EnginePass(90, 1.5, 0.07));
    }
}
