#!/usr/bin/env bash
# tests/lib/test_ca.sh — a throwaway certificate authority for the signature tests, made
# with the openssl command: the CA, and signer certificates with chosen names, key usage
# and validity, each also as a PKCS#12 file.  Nothing here is trusted anywhere else.
#   test_ca.sh ca DIR
#       DIR/ca.key, DIR/ca.pem  ("Loket Test CA", 30 days)
#   test_ca.sh signer DIR NAME CN EMAIL PASSPHRASE [KEY_USAGE] [START] [END]
#       DIR/NAME.key, DIR/NAME.pem, DIR/NAME.p12 (encrypted with PASSPHRASE)
#       KEY_USAGE default "digitalSignature,nonRepudiation"; START/END as openssl ca's
#       YYYYMMDDHHMMSSZ (default: yesterday to 10 days ahead)
#   test_ca.sh tsa DIR NAME CN [EKU]
#       DIR/NAME.key, DIR/NAME.pem: a timestamp authority's certificate (EKU default
#       "critical,timeStamping"), and DIR/NAME.cnf, the `openssl ts -reply` configuration
#       that signs tokens with it (SHA-256, the CA in the token's certificates)
set -euo pipefail
cmd=$1 dir=$2
mkdir -p "$dir"
cd "$dir"
case "$cmd" in
ca)
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/O=Loket Test/CN=Loket Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  : > index.txt
  echo 1000 > serial
  cat > ca.cnf <<'EOF'
[ca]
default_ca = test
[test]
dir = .
database = ./index.txt
serial = ./serial
new_certs_dir = .
certificate = ./ca.pem
private_key = ./ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
emailAddress = optional
serialNumber = optional
organizationName = optional
EOF
  ;;
signer)
  name=$3 cn=$4 email=$5 pass=$6
  usage=${7:-digitalSignature,nonRepudiation}
  start=${8:-$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)}
  end=${9:-$(date -u -d '+10 days' +%Y%m%d%H%M%SZ)}
  openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/O=Loket Test/CN=$cn/emailAddress=$email" 2>/dev/null
  printf 'keyUsage=critical,%s\nsubjectAltName=email:%s\nbasicConstraints=CA:FALSE\n' "$usage" "$email" > "$name.ext"
  openssl ca -batch -notext -config ca.cnf -in "$name.csr" -out "$name.pem" -startdate "$start" -enddate "$end" \
    -extfile "$name.ext" 2>/dev/null
  openssl pkcs12 -export -inkey "$name.key" -in "$name.pem" -certfile ca.pem -name "$cn" -passout "pass:$pass" \
    -out "$name.p12"
  ;;
tsa)
  name=$3 cn=$4 eku=${5:-critical,timeStamping}
  openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/O=Loket Test/CN=$cn" 2>/dev/null
  printf 'keyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nbasicConstraints=CA:FALSE\n' "$eku" > "$name.ext"
  openssl ca -batch -notext -config ca.cnf -in "$name.csr" -out "$name.pem" -days 10 -extfile "$name.ext" 2>/dev/null
  echo 01 > "$name.serial"
  cat > "$name.cnf" <<EOF
[tsa]
default_tsa = this
[this]
dir = $PWD
serial = \$dir/$name.serial
signer_cert = \$dir/$name.pem
signer_key = \$dir/$name.key
certs = \$dir/ca.pem
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
EOF
  ;;
*)
  echo "usage: test_ca.sh ca DIR | signer DIR NAME CN EMAIL PASSPHRASE [KEY_USAGE] [START] [END] | tsa DIR NAME CN [EKU]" >&2
  exit 2
  ;;
esac
