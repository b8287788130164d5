package io.libvfio.runtime.registry;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.ErrorCategory;
import io.libvfio.api.Gpu;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.ScheduleHint;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.Capability;
import io.libvfio.api.spi.Probe;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class BackendRegistryTest
{
    @Test
    void ordersByPriorityThenName()
    {
        BackendRegistry registry = new BackendRegistry(List.of(new TestProvider("b-low", 1), new TestProvider("a-high", 10), new TestProvider("c-high", 10)), List.of());
        assertThat(registry.names()).containsExactly("a-high", "c-high", "b-low");
    }

    @Test
    void rejectsBadAndDuplicateNamesWithoutHidingTheOthers()
    {
        BackendRegistry registry = new BackendRegistry(List.of(new TestProvider("Bad_Name", 1), new TestProvider("good", 1), new TestProvider("good", 5)), List.of());
        assertThat(registry.names()).containsExactly("good");
        assertThat(registry.loadFailures()).hasSize(2)
                .anySatisfy(failure -> assertThat(failure).contains("invalid backend name 'Bad_Name'"))
                .anySatisfy(failure -> assertThat(failure).contains("'good' is already taken"));
    }

    @Test
    void anUnknownBackendIsAUsageErrorListingTheKnownOnes()
    {
        BackendRegistry registry = new BackendRegistry(List.of(new TestProvider("nvidia-gvm", 1)), List.of());
        assertThatThrownBy(() -> registry.require("gvtg"))
                .isInstanceOf(VfioException.class)
                .hasMessage("unknown backend 'gvtg'; known backends: nvidia-gvm")
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.USAGE);
    }

    @Test
    void aThrowingBackendIsReportedAndTheOthersStillServe()
    {
        BackendProber prober = new BackendProber(provider -> null);
        BackendStatus broken = prober.probe(new TestProvider("broken", 1) {
            @Override
            public Probe probe(BackendContext context)
            {
                throw new IllegalStateException("boom");
            }
        });
        BackendStatus declining = prober.probe(new TestProvider("declining", 1) {
            @Override
            public Probe probe(BackendContext context)
            {
                return Probe.unsupported("no such hardware");
            }
        });
        BackendStatus healthy = prober.probe(new TestProvider("healthy", 1));
        assertThat(broken.serves()).isFalse();
        assertThat(broken.probe().reason()).isEqualTo("probe failed with IllegalStateException: boom");
        assertThat(declining.probe().reason()).isEqualTo("no such hardware");
        assertThat(healthy.serves()).isTrue();
        assertThat(healthy.gpus()).isEmpty();
    }

    private static class TestProvider
            implements BackendProvider
    {
        private final String name;
        private final int priority;

        TestProvider(String name, int priority)
        {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public String description()
        {
            return "test backend";
        }

        @Override
        public int priority()
        {
            return priority;
        }

        @Override
        public Probe probe(BackendContext context)
        {
            return Probe.supported("always");
        }

        @Override
        public Backend create(BackendContext context)
        {
            return new EmptyBackend();
        }
    }

    private static final class EmptyBackend
            implements Backend
    {
        @Override
        public Set<Capability> capabilities()
        {
            return Set.of();
        }

        @Override
        public Set<Mechanism> mechanisms()
        {
            return Set.of();
        }

        @Override
        public List<Gpu> discover()
        {
            return List.of();
        }

        @Override
        public List<VgpuType> listTypes(GpuId gpu)
        {
            return List.of();
        }

        @Override
        public VirtualGpu create(CreateRequest request)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void destroy(VirtualGpu instance)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduleHint scheduleHint(GpuId gpu)
        {
            throw new UnsupportedOperationException();
        }
    }
}
