/**
 * Choosing a GPU slice: a {@link io.libvfio.runtime.plan.SliceRequest} (from a LibVF.IO
 * {@code gpus} entry or the command line) against every backend's vGPU types
 * ({@link io.libvfio.runtime.plan.Offers}); the {@link io.libvfio.runtime.plan.Planner} picks the
 * best fit and says, for every other candidate, why it lost. Planning reads only; it never writes.
 */
package io.libvfio.runtime.plan;
