/* gw/plugin_abi.h: the pure C contract between gatewayd (the host) and adapter plugins.
 *
 * A plugin is a shared object exporting one function, GW_PLUGIN_ENTRY_SYMBOL, that returns a
 * static gw_plugin descriptor. The plugin carries one or more adapters; partners name an adapter
 * in the configuration (`adapter: hl7v2`) and the host creates one instance per partner.
 *
 * Rules:
 * - Only C types cross this boundary: no C++ types, no exceptions, no RTTI.
 * - Memory is freed by the side that allocated it: the plugin allocates gw_result.output and the
 *   host hands it back through free_output; the host owns every input and the gw_result itself.
 * - Inputs (gw_bytes, strings) are borrowed for the duration of the call only.
 * - Descriptors and everything they point to are static: valid while the library is loaded.
 * - Threading: create and destroy are never called concurrently with any other call on the same
 *   instance. identify, decode, encode and acknowledge may be called concurrently from many host
 *   threads on one instance: treat the instance as read-only after create.
 * - A callback never calls back into the host and never terminates the process.
 * - identify, decode, encode and acknowledge may be NULL when the adapter does not offer them;
 *   create, free_output and destroy may not.
 * - Compatibility: the host loads a plugin whose abi_major equals its own and whose abi_minor is
 *   not newer; minor versions only append fields at the end of structs (hence struct_size). A plugin
 *   writes a gw_result field of a newer minor only when result->struct_size covers it; the host reads
 *   a gw_adapter field of a newer minor only when adapter->struct_size covers it.
 *
 * ABI 1.1 (appended; 1.0 plugins load and behave as before):
 * - gw_result.issues: a FHIR R4 OperationOutcome (JSON) of what was wrong with the input. After a
 *   decode that succeeded: the warnings, i.e. defects in fields that identify nothing, which were
 *   left out or kept as text (severity "warning", expression naming the field). After a failure
 *   (decode or create): every problem found, of which `error` holds the first (it may be cut).
 * - gw_result.reply: opaque bytes identify or decode may return so that acknowledge_reply can answer
 *   the message without reading it again (e.g. its header fields).
 * - gw_adapter.flags: GW_ADAPTER_* bits.
 * - gw_adapter.acknowledge_reply: the acknowledgement given the reply bytes and the warnings.
 * - options_json of a 1.1 plugin's instance carries the key "validation": "lenient" or "strict", the
 *   partner's setting. Lenient: a defect in a field that identifies nothing is a warning in issues,
 *   not a refusal. Strict: it is refused, as a 1.0 plugin does.
 */
#ifndef GW_PLUGIN_ABI_H
#define GW_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GW_ABI_MAJOR 1
#define GW_ABI_MINOR 1
#define GW_PLUGIN_ENTRY_SYMBOL "gw_plugin_entry"

typedef enum gw_status {
  GW_OK = 0,
  GW_ERR_INVALID = 1,     /* the input is wrong (malformed, bad field): answer AE */
  GW_ERR_UNSUPPORTED = 2, /* a message type or event this adapter does not handle: answer AR */
  GW_ERR_CONFIG = 3,      /* the partner's options are not acceptable (create only) */
  GW_ERR_INTERNAL = 4     /* a fault inside the plugin: the message is kept as a dead letter */
} gw_status;

typedef enum gw_adapter_kind { GW_KIND_HOSPITAL = 1, GW_KIND_INSURER = 2, GW_KIND_OTHER = 3 } gw_adapter_kind;

typedef enum gw_ack_outcome {
  GW_ACK_ACCEPT = 0, /* committed: HL7 AA */
  GW_ACK_ERROR = 1,  /* not accepted because of an error in the message or the gateway: AE */
  GW_ACK_REJECT = 2  /* refused (unsupported, duplicate id with other content, not allowed): AR */
} gw_ack_outcome;

typedef enum gw_field_type {
  GW_FIELD_STRING = 1,
  GW_FIELD_INT = 2,
  GW_FIELD_BOOL = 3,
  GW_FIELD_LIST = 4, /* a list of strings */
  GW_FIELD_MAP = 5   /* a mapping of strings to strings */
} gw_field_type;

/* Borrowed bytes. */
typedef struct gw_bytes {
  const uint8_t* data;
  size_t size;
} gw_bytes;

/* One option a partner block may set under `options:`. Unknown keys are refused by the host. */
typedef struct gw_config_field {
  const char* name;
  uint32_t type;          /* gw_field_type */
  uint32_t required;      /* 1 when the partner must set it */
  const char* default_value; /* as text, or NULL */
  const char* description;
} gw_config_field;

/* The outcome of one call. The host zero-fills it and sets struct_size before each call. */
typedef struct gw_result {
  uint32_t struct_size;
  uint8_t* output;        /* allocated by the plugin; released with free_output */
  size_t output_size;
  char content_type[128]; /* of output, e.g. "application/fhir+json", "application/hl7-v2+xml" */
  char message_id[256];   /* the sender's message id, when known (identify, decode) */
  char event[64];         /* the message type, e.g. "ADT^A01", when known */
  char error_location[128]; /* on error: where, e.g. "PID-7" or "line 3, column 14" */
  char error[1024];       /* on error: what is wrong, NUL-terminated */
  /* ABI 1.1: both allocated by the plugin and released with free_output, like output. */
  uint8_t* issues;        /* an OperationOutcome (application/fhir+json), or NULL: see ABI 1.1 above */
  size_t issues_size;
  uint8_t* reply;         /* identify, decode: what acknowledge_reply needs, or NULL */
  size_t reply_size;
} gw_result;

/* gw_adapter.flags (ABI 1.1). */
/* identify and decode read XML only through the adapter kit's hardened parser (gw::kit::HardenedXml),
 * which refuses what the host's screen refuses: the host then runs only its linear pre-scan and does
 * not parse the document a second time. */
#define GW_ADAPTER_HARDENED_XML 0x1u

typedef struct gw_instance gw_instance; /* opaque, owned by the plugin */

typedef struct gw_adapter {
  uint32_t struct_size;   /* sizeof(gw_adapter) as the plugin was compiled */
  const char* name;       /* unique among loaded adapters; what partners name in `adapter:` */
  const char* version;
  uint32_t kind;          /* gw_adapter_kind */
  const char* const* formats;       /* NULL-terminated, e.g. {"hl7v2-xml", "hl7v2-er7", NULL} */
  const char* const* content_types; /* NULL-terminated content types decode accepts */
  const gw_config_field* config_fields;
  size_t config_field_count;

  /* Creates the instance for one partner. options_json is a JSON object of the partner's
   * validated options (defaults applied). On failure, fills result->error. */
  gw_status (*create)(const char* partner_id, uint32_t partner_kind, const char* options_json,
                      gw_instance** instance, gw_result* result);
  /* Reads only the envelope: fills result->message_id and result->event. No output. */
  gw_status (*identify)(gw_instance* instance, gw_bytes input, const char* content_type, gw_result* result);
  /* Partner bytes to canonical FHIR JSON (a Bundle). */
  gw_status (*decode)(gw_instance* instance, gw_bytes input, const char* content_type, gw_result* result);
  /* Canonical FHIR JSON (a resource or a Bundle) to partner bytes. */
  gw_status (*encode)(gw_instance* instance, gw_bytes canonical_json, gw_result* result);
  /* The acknowledgement, in the partner's format, of `request` with the given outcome;
   * error_location and text may be empty. */
  gw_status (*acknowledge)(gw_instance* instance, gw_bytes request, const char* content_type, uint32_t outcome,
                           const char* error_location, const char* text, gw_result* result);
  /* Releases result->output (and, from ABI 1.1, result->issues and result->reply) of a previous call;
   * `instance` is NULL for the issues of a create that failed. */
  void (*free_output)(gw_instance* instance, uint8_t* output);
  void (*destroy)(gw_instance* instance);

  /* ABI 1.1 */
  uint32_t flags; /* GW_ADAPTER_* bits */
  /* The acknowledgement of a message with the given outcome, as acknowledge, knowing what decode or
   * identify returned: `reply` (empty when it returned none; then `request` must be read) and the
   * warnings `issues` (an OperationOutcome, or empty), which an accepting acknowledgement carries
   * (HL7 v2: ERR segments of severity W; HL7 v3: acknowledgementDetail of typeCode W). `request` is
   * the message, or empty when the host refused it unread. May be NULL: the host then calls acknowledge. */
  gw_status (*acknowledge_reply)(gw_instance* instance, gw_bytes request, const char* content_type, gw_bytes reply,
                                 uint32_t outcome, const char* error_location, const char* text, gw_bytes issues,
                                 gw_result* result);
} gw_adapter;

typedef struct gw_plugin {
  uint32_t struct_size; /* sizeof(gw_plugin) as the plugin was compiled */
  uint16_t abi_major;   /* GW_ABI_MAJOR the plugin was compiled with */
  uint16_t abi_minor;
  const char* name;     /* unique among loaded plugins */
  const char* version;
  const gw_adapter* const* adapters;
  size_t adapter_count;
} gw_plugin;

/* The one exported function: returns the plugin's static descriptor (never NULL). */
typedef const gw_plugin* (*gw_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* GW_PLUGIN_ABI_H */
