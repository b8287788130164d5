package io.libvfio.runtime.plan;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class VramRangeTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2048       | 2048  | -1",
            "2048:4096  | 2048  | 4096",
            "2G:4G      | 2048  | 4096",
            "1.5GiB:2GB | 1536  | 2048",
            "512M:512MiB | 512  | 512",
            "0:1T       | 0     | 1048576"})
    void sizesTakeUnitsAndMibByDefault(String text, long min, long max)
    {
        assertThat(VramRange.parse(text, "--vram", StandardErrorCode.INVALID_ARGUMENT))
                .isEqualTo(new VramRange(min, max < 0 ? OptionalLong.empty() : OptionalLong.of(max)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4G:2G     | --vram '4G:2G': the minimum 4096 MiB is above the maximum 2048 MiB",
            "lots      | --vram 'lots': 'lots' is not a size such as 2048, 2048M or 2G (a whole number of MiB)",
            "2X        | --vram '2X': '2X' is not a size",
            "-1        | --vram '-1': '-1' is not a size",
            "1.3M      | --vram '1.3M': '1.3M' is not a size",
            ":2G       | --vram ':2G': '' is not a size",
            "1..2G     | --vram '1..2G': '1..2G' is not a size"})
    void badSizesAreUsageErrorsNamingTheOption(String text, String message)
    {
        assertThatThrownBy(() -> VramRange.parse(text, "--vram", StandardErrorCode.INVALID_ARGUMENT))
                .isInstanceOf(VfioException.class)
                .hasMessageStartingWith(message)
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.USAGE);
    }
}
