// The shared library map-server links: everything of aiworld_rathena (whole archive) plus the
// bridge, gRPC and protobuf behind it. This symbol lets operators check which build a map-server
// carries.
extern "C" const char* aiworld_rathena_bridge_version() { return AIWORLD_VERSION; }
