/**
 * GVM profiles (libvfio-original §7): the Mdev-GPU YAML and GVM-user TOML files that register
 * NVIDIA vGPU types {@code nvidia-<num>} with the driver. Only read and checked here; registering
 * them (RM ioctls) is not libvfio's job. The only package of a backend that may use SnakeYAML
 * (ArchitectureTest), and nothing here is loaded unless a profile is read.
 */
package io.libvfio.backend.nvidia.gvm.profile;
