"""Korean for the doctor's sentences: English template -> Korean template, same placeholders.

Values (paths, versions, commands, model ids, hardware names) are placeholders and stay as
they are; a template that is only values keeps its English form on purpose.
"""

from __future__ import annotations

__all__ = ["KO"]

KO: dict[str, str] = {
    # values only: the same in every language
    "Python {version}": "Python {version}",
    "torch {version} ({build})": "torch {version} ({build})",
    "{gpu}, {vram:.0f} GB": "{gpu}, {vram:.0f} GB",
    "{folder} ({how})": "{folder} ({how})",
    "{file}: {error}": "{file}: {error}",
    "OpenAI": "OpenAI",
    # python, qt
    "install Python 3.11 or newer": "Python 3.11 이상을 설치하세요",
    "{command} (or use the bundle)": "{command} 명령으로 설치하세요 (또는 설치 번들을 사용하세요)",
    "PySide6 is not installed": "PySide6가 설치되어 있지 않습니다",
    "PySide6 installed": "PySide6가 설치되어 있습니다",
    "missing system libraries: {libs}": "필요한 시스템 라이브러리가 없습니다: {libs}",
    # torch, gpu
    "torch is not installed but SDXL/Whisper are chosen": (
        "SDXL/Whisper를 쓰도록 설정되어 있지만 PyTorch(torch)가 설치되어 있지 않습니다"
    ),
    "not installed (not needed by the embedded painter)": (
        "설치되어 있지 않습니다 (기본 그림 도구에는 필요하지 않습니다)"
    ),
    "CUDA {cuda} build": "CUDA {cuda} 빌드",
    "CPU build": "CPU 빌드",
    "install an NVIDIA driver and the CUDA build of torch ({command})": (
        "NVIDIA 드라이버와 CUDA용 torch를 설치하세요 ({command})"
    ),
    "no CUDA GPU, but SDXL pictures are chosen": (
        "SDXL 그림을 쓰도록 설정되어 있지만 CUDA GPU가 없습니다"
    ),
    "the embedded painter": "기본 그림 도구",
    "no CUDA GPU: {hardware}; pictures by {painter}": (
        "CUDA GPU가 없습니다: {hardware}. 그림 담당: {painter}"
    ),
    "choose the '{title}' preset ({command})": "'{title}' 구성을 선택하세요 ({command})",
    "{hardware}: the '{title}' preset needs {gb:.0f} GB": (
        "{hardware}: '{title}' 구성에는 {gb:.0f} GB가 필요합니다"
    ),
    "CPU only ({cores} cores)": "CPU만 사용 (코어 {cores}개)",
    # models
    "{command} (a StableDiffusionSafetyChecker)": (
        "{command} 명령으로 가져오세요 (StableDiffusionSafetyChecker 모델)"
    ),
    "{command} (finished files are kept), or {other}": (
        "{command} 명령으로 내려받거나 (다 받은 파일은 그대로 둡니다), {other}"
    ),
    # picture mode (issue #17)
    "unknown picture mode {mode}": "알 수 없는 그림 모드입니다: {mode}",
    "choose quality, fast or instant": "quality, fast, instant 중 하나를 고르세요",
    "{command}, or set sdxl_lora": "{command} 명령을 실행하거나 sdxl_lora를 설정하세요",
    "{mode} pictures need the distilled LoRA {file}": (
        "{mode} 그림 모드에는 증류 LoRA {file} 파일이 필요합니다"
    ),
    "{command} (it includes the image safety check)": (
        "{command} 명령을 실행하세요 (그림 안전 검사 모델이 함께 받아집니다)"
    ),
    "instant pictures skip the negative prompt and need the image safety check": (
        "instant 그림 모드는 아이 보호용 부정 프롬프트 없이 그리므로 그림 안전 검사가 꼭 필요합니다"
    ),
    "quality: SDXL base + refiner, {steps} steps": "quality: SDXL 기본 + 리파이너, {steps}단계",
    "{mode}: SDXL base + {file}, {steps} steps, no refiner": (
        "{mode}: SDXL 기본 + {file}, {steps}단계, 리파이너 없음"
    ),
    "SDXL pictures are shown unchecked: no image safety model is set": (
        "SDXL 그림을 안전 검사 없이 보여 줍니다: 그림 안전 검사 모델이 설정되어 있지 않습니다"
    ),
    "{folder} is not a folder": "폴더가 아닙니다: {folder}",
    "{role}: missing {missing}": "{role}: 없는 파일 {missing}",
    "{role}: damaged {damaged}": "{role}: 손상된 파일 {damaged}",
    "{role}: missing {missing}; damaged {damaged}": (
        "{role}: 없는 파일 {missing}; 손상된 파일 {damaged}"
    ),
    "{command}, or import the folder (parent area)": (
        "{command} 명령으로 내려받거나, 보호자 화면에서 폴더를 가져오세요"
    ),
    "SDXL pictures are chosen but no base model is set": (
        "SDXL 그림을 쓰도록 설정되어 있지만 기본(base) 모델이 설정되어 있지 않습니다"
    ),
    "download it again ({command}) or import the folder": (
        "다시 내려받거나 ({command}) 폴더를 가져오세요"
    ),
    "not found on this machine: {path}": "이 컴퓨터에서 찾을 수 없습니다: {path}",
    "{count} files, checksums verified": "파일 {count}개, 체크섬 확인 완료",
    "{count} files, files present and readable": "파일 {count}개, 모두 있고 읽을 수 있습니다",
    "re-import or re-download it: {command}": "다시 가져오거나 다시 내려받으세요: {command}",
    "none configured: embedded storyteller and painter": (
        "설정된 모델이 없습니다: 기본 이야기 도구와 그림 도구를 사용합니다"
    ),
    # sound
    "no input device found": "입력 장치(마이크)를 찾지 못했습니다",
    "plug in a USB microphone or headset and unmute it": (
        "USB 마이크나 헤드셋을 연결하고 음소거를 해제하세요"
    ),
    "no output device found": "출력 장치(스피커)를 찾지 못했습니다",
    "connect speakers or headphones (read-aloud needs them)": (
        "스피커나 헤드폰을 연결하세요 (책 읽어 주기에 필요합니다)"
    ),
    "{command} (Linux); check the sound driver": (
        "{command} 명령으로 설치하고 (Linux), 사운드 드라이버를 확인하세요"
    ),
    "cannot list sound devices ({error})": "소리 장치 목록을 읽을 수 없습니다 ({error})",
    # fonts, disk
    "reinstall AI-Book: the shipped font (resources/fonts) is damaged or missing": (
        "AI-Book을 다시 설치하세요: 함께 설치된 글꼴(resources/fonts)이 손상되었거나 없습니다"
    ),
    "{file} is not a font file": "글꼴 파일이 아닙니다: {file}",
    "check the folder's permissions, or set AIBOOK_HOME to a writable folder": (
        "폴더 권한을 확인하거나, AIBOOK_HOME을 쓰기 가능한 폴더로 지정하세요"
    ),
    "cannot write to the data folder: {error}": "데이터 폴더에 쓸 수 없습니다: {error}",
    "{free} free in {folder}": "{folder}: 남은 공간 {free}",
    "free disk space: books cannot be saved": (
        "디스크 공간을 확보하세요: 지금은 책을 저장할 수 없습니다"
    ),
    "free some disk space soon (books and models need it)": (
        "곧 디스크 공간을 확보하세요 (책과 모델에 필요합니다)"
    ),
    # keyring, OpenAI, network
    "unusable ({error})": "사용할 수 없음 ({error})",
    "install and unlock a keyring (gnome-keyring, KWallet) or set OPENAI_API_KEY": (
        "키링(gnome-keyring, KWallet)을 설치하고 잠금을 해제하거나, OPENAI_API_KEY를 설정하세요"
    ),
    "no usable keyring ({backend}) for the OpenAI key": (
        "OpenAI 키를 보관할 키링을 사용할 수 없습니다 ({backend})"
    ),
    "no usable keyring ({backend}); no key needed now": (
        "사용할 수 있는 키링이 없습니다 ({backend}). 지금은 키가 필요하지 않습니다"
    ),
    "{model} at {url}": "{model}, 서버 주소 {url}",
    "{model}, API key set": "{model}, API 키가 설정되어 있습니다",
    "save an API key in the parent area (or set OPENAI_API_KEY), or set openai_base_url": (
        "보호자 화면에서 API 키를 저장하거나 (또는 OPENAI_API_KEY 설정), "
        "openai_base_url을 설정하세요"
    ),
    "OpenAI pictures are chosen but there is no API key: the embedded painter draws": (
        "OpenAI 그림을 쓰도록 설정되어 있지만 API 키가 없습니다: 기본 그림 도구가 그립니다"
    ),
    "not needed: the offline storyteller is in use": (
        "필요하지 않습니다: 오프라인 이야기 도구를 사용 중입니다"
    ),
    "check the network/proxy or openai_base_url in settings (offline stories meanwhile)": (
        "네트워크/프록시 또는 설정의 openai_base_url을 확인하세요 "
        "(그동안은 오프라인 이야기로 만듭니다)"
    ),
    "cannot reach the story server {host}:{port} ({error})": (
        "이야기 서버 {host}:{port}에 연결할 수 없습니다 ({error})"
    ),
    "story server {host}:{port} reachable": "이야기 서버 {host}:{port}에 연결할 수 있습니다",
    # the parent area's diagnostics page (ui/parent/diagnostics.py)
    "no input device": "입력 장치가 없습니다",
    "the engine is not running": "엔진이 실행되고 있지 않습니다",
    # the picture/speech server (aibook serve)
    "set server_url and server_token in the parent area (the server's config lists one token "
    "per kiosk)": (
        "보호자 설정에서 server_url과 server_token을 입력하세요 (서버 설정 파일에 키오스크마다 "
        "토큰이 하나씩 있습니다)"
    ),
    "the picture/speech server is not set up: {problem}": (
        "그림/음성 서버가 설정되어 있지 않습니다: {problem}"
    ),
    "the server {url} does not know this kiosk's token": (
        "서버 {url}가 이 키오스크의 토큰을 모릅니다"
    ),
    "the server {url} speaks another protocol version: update the app on both": (
        "서버 {url}의 프로토콜 버전이 다릅니다: 양쪽 앱을 모두 업데이트하세요"
    ),
    "cannot reach the server {url} ({error}): local sketches and cards meanwhile": (
        "서버 {url}에 연결할 수 없습니다 ({error}): 그동안 이 기기에서 스케치 그림과 카드를 씁니다"
    ),
    "server {url}: pictures by {pictures}, speech in {languages} (version {version})": (
        "서버 {url}: 그림 {pictures}, 음성 인식 {languages} (버전 {version})"
    ),
    # voice: which recogniser serves which language (engine/speech/voice_report.py)
    "Korean voice: {recogniser} ({model})": "한국어 음성: {recogniser} ({model})",
    "English voice: {recogniser} ({model})": "영어 음성: {recogniser} ({model})",
    "Korean voice: no recogniser ({reason}); picture cards and typing instead": (
        "한국어 음성: 음성 인식기가 없습니다 ({reason}); 그림 카드와 글자 입력을 사용합니다"
    ),
    "English voice: no recogniser ({reason}); picture cards and typing instead": (
        "영어 음성: 음성 인식기가 없습니다 ({reason}); 그림 카드와 글자 입력을 사용합니다"
    ),
    "Korean voice: {recogniser} ({model}) does not understand Korean; picture cards and typing "
    "instead": (
        "한국어 음성: {recogniser} ({model})은(는) 한국어를 알아듣지 못합니다; "
        "그림 카드와 글자 입력을 사용합니다"
    ),
    "English voice: {recogniser} ({model}) does not understand English; picture cards and "
    "typing instead": (
        "영어 음성: {recogniser} ({model})은(는) 영어를 알아듣지 못합니다; "
        "그림 카드와 글자 입력을 사용합니다"
    ),
    # read-aloud (#14)
    "system voice available": "시스템 음성을 쓸 수 있어요",
    "OpenAI voice (pages are recorded while the book is drawn)": (
        "OpenAI 음성 (책을 그리는 동안 페이지를 녹음해요)"
    ),
    "no voice: speech-dispatcher is not installed, so Read to me is hidden": (
        "음성 없음: speech-dispatcher가 설치되지 않아 '읽어 주세요' 버튼을 숨겨요"
    ),
    "install the system voice: {command}": "시스템 음성을 설치하세요: {command}",
}
