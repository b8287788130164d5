package io.libvfio.testkit.contract;

import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit passes a backend that keeps the contract, and catches one that does not. */
final class KitSelfTest
{
    static SimulatedHost host(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz intel_iommu=on");
        host.add(SimulatedHost.function(KitMdevBackend.GPU.toString()).ids(0x1234, 0x1111).classCode(0x030000).driver("kitgpu").iommuGroup(1));
        host.mdevType(KitMdevBackend.GPU, "kit-1", "Kit 1", "64 MB video memory", 2);
        return host;
    }

    @Nested
    final class AKeptContract
            extends BackendContractTest
    {
        @Override
        protected BackendProvider provider()
        {
            return KitMdevBackend.provider(false);
        }

        @Override
        protected SimulatedHost hostWithFreeCapacity(Path root)
        {
            return host(root);
        }

        @Override
        protected BackendContext context(FakeKernel kernel)
        {
            return KitMdevBackend.context(kernel);
        }
    }

    private static final class Careless
            extends BackendContractTest
    {
        Careless(Path directory)
        {
            workDirectory = directory;
        }

        @Override
        protected BackendProvider provider()
        {
            return KitMdevBackend.provider(true);
        }

        @Override
        protected SimulatedHost hostWithFreeCapacity(Path root)
        {
            return host(root);
        }

        @Override
        protected BackendContext context(FakeKernel kernel)
        {
            return KitMdevBackend.context(kernel);
        }
    }

    @TempDir
    Path directory;

    @Test
    void aBackendThatLeavesAWriteBehindFailsTheRollbackContract()
    {
        Careless careless = new Careless(directory);
        assertThatThrownBy(careless::aKernelErrorAtAnyWriteStepOfCreateLeavesTheHostAsItWas)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("create failing with ENOSPC at write 2 of 2");
    }

    @Test
    void aBackendWhoseCreateTakesTwoInstancesFailsTheAccounting()
    {
        Careless careless = new Careless(directory);
        assertThatThrownBy(careless::createThenDestroyLeavesTheHostAsItWas)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("available instances of kit-1 after one create");
    }
}
