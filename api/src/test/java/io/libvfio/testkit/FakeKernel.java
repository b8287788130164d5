package io.libvfio.testkit;

import io.libvfio.api.Errno;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A fake Linux kernel over a simulated host tree: a {@link HostFs} whose reads see the tree and
 * whose writes react as the kernel's {@code store()} functions do (shared/docs/sysfs-spec.md),
 * changing the tree the way the kernel changes sysfs.
 *
 * <p>Same contract as the production {@code HostFs}: absolute host paths only ({@code .},
 * {@code ..}, empty segments and NUL refused with {@code INVALID_ARGUMENT}), resolved under the
 * root with the tree's links followed; values read without their trailing newline; a refused
 * write throws a {@link VfioException} ({@code HOST_WRITE_FAILED}, or {@code ACCESS_DENIED} for
 * EACCES and EPERM) with the errno and the message {@link VfioException#writeRefused}.
 * File modes come from {@link AttributeModes}: reading a write-only or writing a read-only
 * attribute is EACCES, as for root on a real kernel.
 *
 * <p>Emulated: mdev {@code create}/{@code remove} and {@code available_instances}
 * ({@link MdevEmulation}, {@link MdevAccounting}), SR-IOV {@code sriov_numvfs} and
 * {@code sriov_drivers_autoprobe} ({@link SriovEmulation}), {@code driver_override},
 * {@code bind}, {@code unbind}, {@code drivers_probe}, {@code new_id}, {@code remove_id} and
 * {@code /dev/vfio/<group>} ({@link DriverBinding}, {@link VfioGroupNodes}), NVIDIA's
 * {@code current_vgpu_type} ({@link NvidiaVgpuEmulation}), Intel SR-IOV VF quotas
 * ({@link IovProvisioning}), and {@code enable}, {@code reset},
 * {@code reset_method}, {@code remove}, {@code rescan}, {@code drivers_autoprobe}
 * ({@link PciDeviceEmulation}). Any other writable attribute stores the value; any other
 * write-only attribute accepts it and changes nothing.
 *
 * <p>Every write the kernel sees is logged ({@link #writes()}); writes can be made to fail
 * ({@link #failWrite}) without changing anything. Reads and writes are serialized by a
 * read-write lock, so concurrent callers see whole writes.
 */
public final class FakeKernel
        implements HostFs
{
    private final KernelTree tree;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<KernelWrite> writes = new ArrayList<>();
    private final FaultInjector faults = new FaultInjector();
    private final DriverBinding binding;
    private final SriovEmulation sriov;
    private final MdevEmulation mdev;
    private final NvidiaVgpuEmulation nvidia;
    private final PciDeviceEmulation devices;
    private final PciFunctions pci;
    private final VfioGroupNodes nodes;
    private final IovProvisioning iov;

    private FakeKernel(SimulatedHost host)
    {
        this.tree = new KernelTree(host);
        this.nodes = new VfioGroupNodes(tree);
        IommuGroupIds groupIds = new IommuGroupIds(tree);
        MdevDevices mdevDevices = new MdevDevices(tree, nodes, groupIds);
        this.pci = new PciFunctions(tree, nodes, mdevDevices);
        this.binding = new DriverBinding(tree, pci);
        this.iov = new IovProvisioning(tree);
        this.sriov = new SriovEmulation(tree, pci, binding, groupIds, iov);
        this.mdev = new MdevEmulation(mdevDevices, new MdevAccounting(tree, mdevDevices));
        this.nvidia = new NvidiaVgpuEmulation(tree);
        this.devices = new PciDeviceEmulation(tree, pci);
        binding.rememberNewFunctions();
    }

    /** A fake kernel over an existing simulated host directory. */
    public static FakeKernel on(Path root)
    {
        return new FakeKernel(SimulatedHost.open(root));
    }

    /** A fake kernel over a simulated host being built; devices added later are remembered when first seen. */
    public static FakeKernel on(SimulatedHost host)
    {
        return new FakeKernel(requireNonNull(host, "host is null"));
    }

    public Path root()
    {
        return tree.root();
    }

    /** The simulated host under this kernel, to add devices (not to change what the kernel manages). */
    public SimulatedHost host()
    {
        return tree.host();
    }

    // ---- configuration ------------------------------------------------------------------

    /**
     * The driver {@code drivers_probe} binds this function to when it has no override (its
     * "normal" driver); {@code null} for none. By default, the driver it had when first seen.
     */
    public FakeKernel nativeDriver(String bdf, String driver)
    {
        return locked(() -> binding.nativeDriver(canonicalBdf(bdf), driver));
    }

    /** The driver VFs of a PF bound to {@code pfDriver} get ({@code null}: none); by default {@code pfDriver} itself. */
    public FakeKernel vfDriver(String pfDriver, String vfDriver)
    {
        return locked(() -> sriov.vfDriver(requireNonNull(pfDriver, "pfDriver is null"), vfDriver));
    }

    /** Adjusts each VF of this PF as it is created (extra attributes such as {@code nvidia/creatable_vgpu_types}). */
    public FakeKernel vfTemplate(String pf, Consumer<PciFunctionSpec> template)
    {
        return locked(() -> sriov.vfTemplate(canonicalBdf(pf), requireNonNull(template, "template is null")));
    }

    /** A PF driver with no {@code sriov_configure} ({@code gim}, {@code vfio-pci}, {@code pci-stub} already are): {@code sriov_numvfs} is ENOENT. */
    public FakeKernel withoutSriovConfigure(String driver)
    {
        return locked(() -> sriov.withoutSriovConfigure(requireNonNull(driver, "driver is null")));
    }

    /**
     * A PF driver whose unbind leaves its VFs in place ({@code nvme} already does, as on a real
     * 6.1 kernel); other PF drivers take their VFs down when unbound.
     */
    public FakeKernel leavesVfsOnUnbind(String driver)
    {
        return locked(() -> pci.leavesVfsOnUnbind(driver));
    }

    /** The dynamic IDs {@code new_id} gave a driver, as {@code "vvvv dddd subvendor subdevice class mask"} in hex. */
    public List<String> dynamicIds(String driver)
    {
        lock.readLock().lock();
        try {
            return binding.dynamicIds(driver).stream().map(DynamicId::toString).toList();
        }
        finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The {@code VFIO_GROUP_FLAGS_VIABLE} bit {@code VFIO_GROUP_GET_STATUS} would report on
     * {@code /dev/vfio/<group>}: no member of the group on a driver that uses the DMA API.
     *
     * @throws IllegalStateException when there is no {@code /dev/vfio/<group>} to open
     */
    public boolean vfioGroupViable(int group)
    {
        lock.readLock().lock();
        try {
            return nodes.viable(Integer.toString(group))
                    .orElseThrow(() -> new IllegalStateException("cannot open /dev/vfio/" + group + ": no such group node"));
        }
        finally {
            lock.readLock().unlock();
        }
    }

    // ---- fault injection and write log --------------------------------------------------

    /** The next write whose path matches {@code pattern} (a glob, or a path suffix) fails with {@code errno} and changes nothing. */
    public FakeKernel failWrite(String pattern, Errno errno)
    {
        return failWrite(pattern, errno, 1);
    }

    /** The {@code nth} matching write from now (1 is the next) fails with {@code errno}, once. */
    public FakeKernel failWrite(String pattern, Errno errno, int nth)
    {
        return locked(() -> faults.failWrite(pattern, errno, nth));
    }

    /** Every write the kernel saw, in order: path as given, value, errno or success. */
    public List<KernelWrite> writes()
    {
        lock.readLock().lock();
        try {
            return List.copyOf(writes);
        }
        finally {
            lock.readLock().unlock();
        }
    }

    public void clearWrites()
    {
        locked(writes::clear);
    }

    /**
     * The whole tree: root-relative path to file content (bytes as ISO-8859-1), {@code <dir>},
     * or {@code -> target} for links. Equal snapshots mean byte-for-byte equal trees.
     */
    public SortedMap<String, String> snapshot()
    {
        lock.readLock().lock();
        try {
            return tree.snapshot();
        }
        finally {
            lock.readLock().unlock();
        }
    }

    // ---- HostFs -------------------------------------------------------------------------

    @Override
    public boolean exists(String path)
    {
        Path file = resolve(path);
        return underReadLock(() -> Files.exists(file));
    }

    @Override
    public boolean isDirectory(String path)
    {
        Path file = resolve(path);
        return underReadLock(() -> Files.isDirectory(file));
    }

    @Override
    public Optional<String> read(String path)
    {
        String relative = KernelTree.checkedRelative(path);
        lock.readLock().lock();
        try {
            Path file = tree.path(relative);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            }
            catch (IOException e) {
                return Optional.empty();
            }
            if (attributes.isDirectory()) {
                throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE,
                        "cannot read %s: %s".formatted(path, Errno.EISDIR.text()), Errno.EISDIR, null);
            }
            String canonical = tree.canonical(relative, attributes.fileKey()).orElseThrow(() -> outsideRoot(path));
            if (!AttributeModes.of(canonical).readable()) {
                throw new VfioException(StandardErrorCode.ACCESS_DENIED, "cannot read %s: permission denied".formatted(path), Errno.EACCES, null);
            }
            byte[] bytes = KernelTree.readAll(file);
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
            return Optional.of(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read %s: %s".formatted(path, e.getMessage()), e);
        }
        finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String readRequired(String path)
    {
        return read(path).orElseThrow(() -> new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE,
                "cannot read %s: no such file".formatted(path)));
    }

    @Override
    public List<String> list(String directory)
    {
        String relative = KernelTree.checkedRelative(directory);
        return underReadLock(() -> tree.names(relative));
    }

    @Override
    public Optional<String> readLink(String path)
    {
        Path link = resolve(path);
        lock.readLock().lock();
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        }
        catch (NoSuchFileException | NotLinkException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read link %s: %s".formatted(path, e.getMessage()), e);
        }
        finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void write(String path, String value)
    {
        String relative = KernelTree.checkedRelative(path);
        requireNonNull(value, "value is null");
        lock.writeLock().lock();
        try {
            binding.rememberNewFunctions();
            Optional<Errno> injected = faults.next(path);
            if (injected.isPresent()) {
                throw WriteRefused.because(injected.get(), "injected failure");
            }
            apply(relative, value);
            writes.add(KernelWrite.ok(path, value));
        }
        catch (WriteRefused e) {
            writes.add(new KernelWrite(path, value, e.errno()));
            throw VfioException.writeRefused(path, value, e.errno(), e);
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    // ---- the kernel ---------------------------------------------------------------------

    private void apply(String relative, String value)
    {
        Path file = tree.path(relative);
        if (!Files.exists(file)) {
            throw WriteRefused.because(Errno.ENOENT, "no such attribute");
        }
        if (Files.isDirectory(file)) {
            throw WriteRefused.because(Errno.EISDIR, "a directory");
        }
        String canonical = tree.canonical(relative).orElseThrow(() -> WriteRefused.because(Errno.ENOENT, "outside the root"));
        AttributeModes.Mode mode = AttributeModes.of(canonical);
        if (!mode.writable()) {
            throw WriteRefused.because(Errno.EACCES, "read-only attribute");
        }
        String directory = canonical.substring(0, canonical.lastIndexOf('/'));
        String name = canonical.substring(canonical.lastIndexOf('/') + 1);
        if (MdevEmulation.isCreate(canonical)) {
            mdev.create(canonical, value);
        }
        else if (mdev.isRemove(canonical)) {
            mdev.remove(canonical, value);
        }
        else if (NvidiaVgpuEmulation.isCurrentVgpuType(canonical)) {
            nvidia.storeCurrentType(canonical, value);
        }
        else if (mode.readable() && IovProvisioning.handles(canonical)) {
            iov.store(canonical, value);
        }
        else if (directory.startsWith("sys/bus/pci/drivers/") && directory.indexOf('/', "sys/bus/pci/drivers/".length()) < 0) {
            driverAttribute(directory.substring("sys/bus/pci/drivers/".length()), name, canonical, mode, value);
        }
        else if (directory.equals("sys/bus/pci")) {
            busAttribute(name, canonical, mode, value);
        }
        else if (isPciFunction(directory)) {
            functionAttribute(directory, name, canonical, mode, value);
        }
        else {
            store(canonical, mode, value);
        }
    }

    private void driverAttribute(String driver, String name, String canonical, AttributeModes.Mode mode, String value)
    {
        switch (name) {
            case "bind" -> binding.bind(driver, value);
            case "unbind" -> binding.unbind(driver, value);
            case "new_id" -> binding.newId(driver, value);
            case "remove_id" -> binding.removeId(driver, value);
            default -> store(canonical, mode, value);
        }
    }

    private void busAttribute(String name, String canonical, AttributeModes.Mode mode, String value)
    {
        switch (name) {
            case "drivers_probe" -> binding.driversProbe(value);
            case "drivers_autoprobe" -> devices.storeDriversAutoprobe(canonical, value);
            case "rescan" -> devices.storeRescan(value);
            default -> store(canonical, mode, value);
        }
    }

    private void functionAttribute(String directory, String name, String canonical, AttributeModes.Mode mode, String value)
    {
        String bdf = directory.substring(directory.lastIndexOf('/') + 1);
        switch (name) {
            case "driver_override" -> binding.storeOverride(canonical, value);
            case "sriov_numvfs" -> sriov.storeNumVfs(directory, value);
            case "sriov_drivers_autoprobe" -> sriov.storeAutoprobe(canonical, value);
            case "enable" -> devices.storeEnable(canonical, bdf, value);
            case "reset" -> devices.storeReset(value);
            case "reset_method" -> devices.storeResetMethod(canonical, value);
            case "remove" -> devices.storeRemove(bdf, value);
            case "rescan" -> devices.storeRescan(value);
            default -> store(canonical, mode, value);
        }
    }

    /** Any other attribute: a read-write one keeps the value (one trailing newline), a write-only one takes it and changes nothing. */
    private void store(String canonical, AttributeModes.Mode mode, String value)
    {
        if (mode.readable()) {
            tree.store(canonical, KernelStrings.chomp(value));
        }
    }

    /** True when a canonical directory is the real directory of a PCI function on the bus. */
    private boolean isPciFunction(String directory)
    {
        String name = directory.substring(directory.lastIndexOf('/') + 1);
        return PciAddress.isValid(name) && tree.canonical("sys/bus/pci/devices/" + name).filter(directory::equals).isPresent();
    }

    private String canonicalBdf(String bdf)
    {
        return PciAddress.parse(bdf).toString();
    }

    private Path resolve(String path)
    {
        return tree.path(KernelTree.checkedRelative(path));
    }

    private static VfioException outsideRoot(String path)
    {
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT, "refusing host path '%s': resolves outside the root".formatted(path));
    }

    private FakeKernel locked(Runnable action)
    {
        lock.writeLock().lock();
        try {
            action.run();
            return this;
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T underReadLock(Supplier<T> action)
    {
        lock.readLock().lock();
        try {
            return action.get();
        }
        catch (UncheckedIOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, e.getMessage(), e);
        }
        finally {
            lock.readLock().unlock();
        }
    }
}
