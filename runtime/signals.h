#pragma once
namespace aiworld {
// Blocks SIGINT and SIGTERM in the calling thread; call first in main so every thread started
// later inherits the mask and the signals are only taken by WaitForShutdownSignal.
void BlockShutdownSignals();
// Waits for SIGINT or SIGTERM and returns its number.
int WaitForShutdownSignal();
}  // namespace aiworld
