package dev.meektracker.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecisionFiguresTest {

    @Test
    void aChipsFiguresKeepTheirOrderDropUnstatedFormatsAndEqualAnyMapOfTheSameEntries() {
        Map<Precision, Double> given = new LinkedHashMap<>();
        given.put(Precision.FP8, 1.979e15);
        given.put(Precision.FP16, null);
        given.put(Precision.BF16_FP16_TENSOR, 9.89e14);
        given.put(Precision.FP32, 6.7e13);
        Map<Precision, Double> figures = PrecisionFigures.copyOf(given);

        assertThat(figures.keySet()).containsExactly(Precision.FP8, Precision.BF16_FP16_TENSOR, Precision.FP32);
        assertThat(figures.values()).containsExactly(1.979e15, 9.89e14, 6.7e13);
        List<Precision> seen = new java.util.ArrayList<>();
        figures.forEach((p, v) -> seen.add(p));
        assertThat(seen).containsExactly(Precision.FP8, Precision.BF16_FP16_TENSOR, Precision.FP32);
        assertThat(figures.get(Precision.FP32)).isEqualTo(6.7e13);
        assertThat(figures.get(Precision.FP16)).isNull();
        assertThat(figures.get("fp32")).isNull();
        assertThat(figures.containsKey(Precision.FP16)).isFalse();

        Map<Precision, Double> same = new HashMap<>(
                Map.of(Precision.FP32, 6.7e13, Precision.FP8, 1.979e15, Precision.BF16_FP16_TENSOR, 9.89e14));
        assertThat(figures).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(same).isEqualTo(figures);
        assertThat(figures).isNotEqualTo(Map.of(Precision.FP32, 6.7e13));
        assertThat(PrecisionFigures.copyOf(figures)).isSameAs(figures);
        assertThat(PrecisionFigures.copyOf(null)).isEmpty();
        assertThat(PrecisionFigures.copyOf(Map.of())).isEqualTo(Map.of());

        assertThatThrownBy(() -> figures.put(Precision.FP64, 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> figures.entrySet().iterator().next().setValue(2.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> figures.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(figures).hasSize(3);
    }

    @Test
    void aChipWritesTheJsonItWasReadFrom() {
        String json = "{\"_t\":\"hardware-price\",\"id\":\"nvidia-h100-sxm5-80gb\",\"name\":\"NVIDIA H100 SXM5 80GB\","
                + "\"manufacturer\":\"NVIDIA\",\"date\":\"2022-09-21\",\"purchasePriceUsd\":30000.0,"
                + "\"rentalPriceUsdPerHour\":null,\"flopPerSecond\":{\"fp8\":1.979E15,\"bf16-fp16-tensor\":9.89E14,"
                + "\"fp32\":6.7E13},\"source\":\"datasheet\",\"provenance\":null}";
        JsonSerde<HardwarePrice> serde = JsonSerde.of(HardwarePrice.class);
        HardwarePrice h = serde.fromBytes(json.getBytes(StandardCharsets.UTF_8));
        assertThat(h.flopPerSecond()).isInstanceOf(PrecisionFigures.class);
        assertThat(h.bestMlFlopPerSecond()).contains(1.979e15);
        String written = new String(serde.toBytes(h), StandardCharsets.UTF_8);
        assertThat(written)
                .contains("\"flopPerSecond\":{\"fp8\":1.979E15,\"bf16-fp16-tensor\":9.89E14,\"fp32\":6.7E13}");
        assertThat(serde.fromBytes(written.getBytes(StandardCharsets.UTF_8))).isEqualTo(h);
    }
}
