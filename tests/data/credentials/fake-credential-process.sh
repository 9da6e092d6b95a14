#!/bin/sh
# fake-credential-process.sh MODE [ARG]
#
# A stand-in for a credential_process (such as `aws configure
# export-credentials --format process`) for test-credential-process.c.
# The secrets below are made-up test strings.

secret='processSECRETexample/abc+def'
token='processTOKENexample123'

print_json () {
  # $1: AccessKeyId, $2: Expiration ("" for none)
  if [ -n "$2" ]; then
    expiration=", \"Expiration\": \"$2\""
  else
    expiration=''
  fi
  printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s", "SessionToken": "%s", "AccountId": "123456789012"%s}\n' \
    "$1" "$secret" "$token" "$expiration"
}

case "$1" in
  ok)
    print_json ASIAPROCESSEXAMPLE "$2"
    ;;
  count)
    # Counts runs in the file named by BP_TEST_COUNT_FILE (from the
    # provider's environment), and puts the count in the key id.
    echo run >> "$BP_TEST_COUNT_FILE"
    n=$(wc -l < "$BP_TEST_COUNT_FILE" | tr -d ' ')
    print_json "ASIACOUNT$n" "$2"
    ;;
  arg)
    # The key id is the second argument, exactly as split.
    print_json "$2" ""
    ;;
  fail)
    print_json ASIAPROCESSEXAMPLE ""
    echo "Error loading SSO Token: Token for example does not exist" >&2
    echo "second line of the error" >&2
    exit 3
    ;;
  fail-long)
    printf 'E%.0s' $(seq 1 500) >&2
    echo >&2
    exit 1
    ;;
  fail-silent)
    exit 2
    ;;
  sleep)
    # Leaves its pid where BP_TEST_PID_FILE says, so the test can check
    # it was killed; exec keeps the pid.
    echo $$ > "$BP_TEST_PID_FILE"
    exec sleep 30
    ;;
  bad-json)
    echo "{\"Version\": 1, \"SecretAccessKey\": \"$secret\", oops"
    ;;
  not-object)
    echo "[1, 2, 3]"
    ;;
  version2)
    printf '{"Version": 2, "AccessKeyId": "ASIAX", "SecretAccessKey": "%s"}\n' "$secret"
    ;;
  version-string)
    printf '{"Version": "1", "AccessKeyId": "ASIAX", "SecretAccessKey": "%s"}\n' "$secret"
    ;;
  missing-secret)
    printf '{"Version": 1, "AccessKeyId": "ASIAX", "SessionToken": "%s"}\n' "$token"
    ;;
  missing-key-id)
    printf '{"Version": 1, "SecretAccessKey": "%s"}\n' "$secret"
    ;;
  bad-expiration)
    printf '{"Version": 1, "AccessKeyId": "ASIAX", "SecretAccessKey": "%s", "Expiration": "soon"}\n' "$secret"
    ;;
  *)
    echo "unknown mode $1" >&2
    exit 64
    ;;
esac
