package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GPT-4o|gpt-4o",
                "'  Zephyr 141B-A39B\t\t'|zephyr-141b-a39b",
                "Command R|command-r",
                "Command R+|command-r-plus",
                "PointNet++|pointnet-plus-plus",
                "AWD-LSTM + MoS|awd-lstm-plus-mos",
                "PanGu-Σ|pangu-s",
                "PanGu-α|pangu-a",
                "Infinity (无涯)|infinity-wu-ya",
                "Tulu 3 (Tülu 3) 70B|tulu-3-tulu-3-70b",
                "µFormer|mformer",
                "Tørresen Straße|torresen-strasse",
                "Ёлка GPT|elka-gpt",
                "MiMo‑VL‑7B‑RL|mimo-vl-7b-rl",
                "DALL·E 3|dall-e-3",
                "😀|''",
                "''|''"
            })
    void namesBecomeAsciiIds(String name, String id) {
        assertThat(Slugs.of(name)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Command R+|Command R",
                "DeepLabV3+|DeepLabV3",
                "PanGu-Σ|PanGu-α",
                "Infinity (无涯)|Infinity",
                "λ-WASP|WASP"
            })
    void distinctModelsKeepDistinctIds(String one, String other) {
        assertThat(Slugs.of(one)).isNotEqualTo(Slugs.of(other));
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertThat(Slugs.of(null)).isEmpty();
    }
}
