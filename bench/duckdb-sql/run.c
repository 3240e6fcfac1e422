/*
 * run: runs a SQL file against a DuckDB database (read-only) through DuckDB's C API and prints the last
 * statement's result as tab-separated text, a header line first. Built by bench/simulation.sh against the
 * libduckdb.so that ships in the DuckDB.NET NuGet package; there is no duckdb CLI or header on this machine,
 * so the few functions used are declared here (DuckDB 1.x C API, duckdb.h).
 *
 *   usage: run DATABASE SQL_FILE
 *   exit:  0 when the query ran, 1 when it failed (the error on standard error), 2 for bad usage
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef uint64_t idx_t;
typedef enum { DuckDBSuccess = 0, DuckDBError = 1 } duckdb_state;
typedef struct _duckdb_database { void *internal_ptr; } *duckdb_database;
typedef struct _duckdb_connection { void *internal_ptr; } *duckdb_connection;
typedef struct _duckdb_config { void *internal_ptr; } *duckdb_config;

/* duckdb_result is a struct the caller allocates and DuckDB fills; it is six pointer-sized fields in DuckDB 1.x.
   Sized generously here so that a larger one in another version cannot overrun it. */
typedef struct { idx_t fields[64]; } duckdb_result;

duckdb_state duckdb_create_config(duckdb_config *out_config);
duckdb_state duckdb_set_config(duckdb_config config, const char *name, const char *option);
void duckdb_destroy_config(duckdb_config *config);
duckdb_state duckdb_open_ext(const char *path, duckdb_database *out_database, duckdb_config config, char **out_error);
duckdb_state duckdb_connect(duckdb_database database, duckdb_connection *out_connection);
duckdb_state duckdb_query(duckdb_connection connection, const char *query, duckdb_result *out_result);
const char *duckdb_result_error(duckdb_result *result);
idx_t duckdb_column_count(duckdb_result *result);
idx_t duckdb_row_count(duckdb_result *result);
const char *duckdb_column_name(duckdb_result *result, idx_t col);
char *duckdb_value_varchar(duckdb_result *result, idx_t col, idx_t row);
void duckdb_free(void *ptr);
void duckdb_destroy_result(duckdb_result *result);
void duckdb_disconnect(duckdb_connection *connection);
void duckdb_close(duckdb_database *database);

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) != 0) { fclose(f); return NULL; }
    long size = ftell(f);
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0) { fclose(f); return NULL; }
    char *text = malloc((size_t)size + 1);
    if (text && fread(text, 1, (size_t)size, f) != (size_t)size) { free(text); text = NULL; }
    if (text) text[size] = '\0';
    fclose(f);
    return text;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s DATABASE SQL_FILE\n", argv[0]);
        return 2;
    }
    char *sql = read_file(argv[2]);
    if (!sql) {
        fprintf(stderr, "run: cannot read %s\n", argv[2]);
        return 2;
    }

    duckdb_config config = NULL;
    duckdb_database db = NULL;
    duckdb_connection con = NULL;
    char *open_error = NULL;
    if (duckdb_create_config(&config) != DuckDBSuccess || duckdb_set_config(config, "access_mode", "READ_ONLY") != DuckDBSuccess) {
        fprintf(stderr, "run: cannot configure DuckDB\n");
        return 1;
    }
    if (duckdb_open_ext(argv[1], &db, config, &open_error) != DuckDBSuccess) {
        fprintf(stderr, "run: cannot open %s: %s\n", argv[1], open_error ? open_error : "unknown error");
        if (open_error) duckdb_free(open_error);
        duckdb_destroy_config(&config);
        return 1;
    }
    duckdb_destroy_config(&config);
    if (duckdb_connect(db, &con) != DuckDBSuccess) {
        fprintf(stderr, "run: cannot connect to %s\n", argv[1]);
        duckdb_close(&db);
        return 1;
    }

    duckdb_result result;
    int status = 0;
    if (duckdb_query(con, sql, &result) != DuckDBSuccess) {
        const char *error = duckdb_result_error(&result);
        fprintf(stderr, "run: %s\n", error ? error : "the query failed");
        status = 1;
    } else {
        idx_t columns = duckdb_column_count(&result);
        idx_t rows = duckdb_row_count(&result);
        for (idx_t c = 0; c < columns; c++) printf("%s%s", c ? "\t" : "", duckdb_column_name(&result, c));
        printf("\n");
        for (idx_t r = 0; r < rows; r++) {
            for (idx_t c = 0; c < columns; c++) {
                char *value = duckdb_value_varchar(&result, c, r);
                printf("%s%s", c ? "\t" : "", value ? value : "NULL");
                if (value) duckdb_free(value);
            }
            printf("\n");
        }
    }
    duckdb_destroy_result(&result);
    duckdb_disconnect(&con);
    duckdb_close(&db);
    free(sql);
    return status;
}
