<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>BooksPage</name>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="130"/>
        <source>damaged</source>
        <translation>손상됨</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="132"/>
        <source>stopped at {done} of {pages} pages</source>
        <translation>{pages}쪽 중 {done}쪽에서 멈춤</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="175"/>
        <source>Finishing the book…</source>
        <translation>책을 마저 만들고 있어요…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="179"/>
        <source>The book could not be finished: {why}</source>
        <translation>책을 마저 만들지 못했어요: {why}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="279"/>
        <source>Finish this book</source>
        <translation>이 책 마저 만들기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="121"/>
        <source>The shelf is empty.</source>
        <translation>책장이 비어 있어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="155"/>
        <source>Delete “{title}” for good? This cannot be undone.</source>
        <translation>“{title}” 책을 완전히 지울까요? 되돌릴 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="158"/>
        <source>Delete a book</source>
        <translation>책 지우기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="159"/>
        <source>Nothing was deleted.</source>
        <translation>아무것도 지우지 않았어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="162"/>
        <source>Deleting…</source>
        <translation>지우는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="182"/>
        <source>The book was deleted.</source>
        <translation>책을 지웠어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="186"/>
        <source>The book could not be deleted: {why}</source>
        <translation>책을 지우지 못했어요: {why}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="207"/>
        <source>it tried to give the storyteller instructions</source>
        <translation>이야기꾼에게 지시를 내리려고 했어요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="208"/>
        <source>nothing usable was left of it</source>
        <translation>쓸 수 있는 내용이 남지 않았어요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="209"/>
        <source>it had words that are not for children</source>
        <translation>아이에게 맞지 않는 말이 있었어요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="213"/>
        <source>The child&apos;s theme was changed to a gentler one: {why}.</source>
        <translation>아이가 고른 주제를 더 순한 주제로 바꿨어요: {why}.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="229"/>
        <source>Copying the book…</source>
        <translation>책을 복사하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="234"/>
        <source>Copied to {folder}</source>
        <translation>{folder}에 복사했어요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="238"/>
        <source>The book could not be copied: {why}</source>
        <translation>책을 복사하지 못했어요: {why}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="241"/>
        <source>Copy the book to…</source>
        <translation>책을 복사할 곳…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="250"/>
        <source>Getting the book ready to take home…</source>
        <translation>집에 가져갈 책을 준비하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="260"/>
        <source>Scan with a phone on the same network within {n} minutes, or open {url}</source>
        <translation>같은 네트워크의 휴대폰으로 {n}분 안에 찍거나 {url} 주소를 여세요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="278"/>
        <source>Delete this book…</source>
        <translation>이 책 지우기…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="282"/>
        <source>Copy to a folder or USB stick…</source>
        <translation>폴더나 USB에 복사…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/books_page.py" line="283"/>
        <source>QR code for a phone</source>
        <translation>휴대폰용 QR 코드</translation>
    </message>
</context>
<context>
    <name>ConfirmOverlay</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="251"/>
        <source>Did you say: {text}?</source>
        <translation>{text}, 맞아요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="262"/>
        <source>Did you say…</source>
        <translation>이렇게 말했나요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="263"/>
        <source>Yes!</source>
        <translation>맞아요!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="264"/>
        <source>Try again</source>
        <translation>다시 말할래요</translation>
    </message>
</context>
<context>
    <name>DiagnosticsPage</name>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="188"/>
        <source>Looking…</source>
        <translation>확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="201"/>
        <source>Python version</source>
        <translation>Python 버전</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="202"/>
        <source>Window toolkit (Qt)</source>
        <translation>화면 구성 도구(Qt)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="203"/>
        <source>System libraries for Qt</source>
        <translation>Qt용 시스템 라이브러리</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="204"/>
        <source>AI engine (PyTorch)</source>
        <translation>AI 엔진(PyTorch)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="205"/>
        <source>Graphics card (GPU)</source>
        <translation>그래픽카드(GPU)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="206"/>
        <source>SDXL base model</source>
        <translation>SDXL 기본 모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="207"/>
        <source>SDXL refiner model</source>
        <translation>SDXL 보정(refiner) 모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="208"/>
        <source>SDXL VAE model</source>
        <translation>SDXL VAE 모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="209"/>
        <source>Picture safety model</source>
        <translation>그림 안전 검사 모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="210"/>
        <source>Whisper speech model</source>
        <translation>Whisper 음성 인식 모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="211"/>
        <source>Whisper children&apos;s voice adapter</source>
        <translation>Whisper 어린이 목소리 어댑터</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="212"/>
        <source>Picture safety check</source>
        <translation>그림 안전 검사</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="213"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="214"/>
        <source>OpenAI pictures</source>
        <translation>OpenAI 그림</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="215"/>
        <source>Microphone</source>
        <translation>마이크</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="216"/>
        <source>Speakers</source>
        <translation>스피커</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="217"/>
        <source>Korean voice</source>
        <translation>한국어 음성</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="218"/>
        <source>English voice</source>
        <translation>영어 음성</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="219"/>
        <source>Reading aloud</source>
        <translation>소리 내어 읽기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="220"/>
        <source>Fonts</source>
        <translation>글꼴</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="221"/>
        <source>Disk space</source>
        <translation>디스크 공간</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="222"/>
        <source>Key storage (keyring)</source>
        <translation>키 보관함(키링)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="223"/>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="235"/>
        <source>Fix: {fix}</source>
        <translation>해결 방법: {fix}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="257"/>
        <source>found</source>
        <translation>있음</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="258"/>
        <source>MISSING</source>
        <translation>없음!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="259"/>
        <source>model id (download needed)</source>
        <translation>모델 이름 (내려받기 필요)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="260"/>
        <source>not set</source>
        <translation>설정 안 됨</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="263"/>
        <source>Computer: {hw}</source>
        <translation>컴퓨터: {hw}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="264"/>
        <source>PyTorch installed: {v}</source>
        <translation>PyTorch 설치됨: {v}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="265"/>
        <source>NVIDIA GPU (CUDA): {v}</source>
        <translation>NVIDIA GPU (CUDA): {v}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="266"/>
        <source>Story backend: {b}</source>
        <translation>이야기 엔진: {b}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="267"/>
        <source>Picture backend: {b}</source>
        <translation>그림 엔진: {b}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="269"/>
        <source>Models:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="279"/>
        <source>Microphones: {m}</source>
        <translation>마이크: {m}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="282"/>
        <source>No microphone found ({why})</source>
        <translation>마이크를 찾지 못했어요 ({why})</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="287"/>
        <source>Backends replaced:</source>
        <translation>대신 쓰인 엔진:</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="288"/>
        <source>Last errors:</source>
        <translation>최근 오류:</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="289"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="293"/>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="293"/>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/diagnostics.py" line="301"/>
        <source>Check again</source>
        <translation>다시 확인</translation>
    </message>
</context>
<context>
    <name>GrownUps</name>
    <message>
        <location filename="../../aibook_desktop/ui/window_grownups.py" line="315"/>
        <source>Speech engines: {e} (in use: {used}); voices: {v}</source>
        <translation>음성 엔진: {e} (사용 중: {used}); 목소리: {v}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/window_grownups.py" line="322"/>
        <source>Voice recognition languages: {langs}</source>
        <translation>음성 인식 언어: {langs}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/window_grownups.py" line="358"/>
        <source>Printing…</source>
        <translation>인쇄하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/grownups_models.py" line="93"/>
        <source>Saved: new books use these settings.</source>
        <translation>저장했어요. 새 책부터 이 설정을 써요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/grownups_models.py" line="100"/>
        <source>another download is still running</source>
        <translation>다른 내려받기가 아직 진행 중이에요</translation>
    </message>
</context>
<context>
    <name>HeroScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/hero.py" line="57"/>
        <source>Who is in your story?</source>
        <translation>누가 주인공일까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/hero.py" line="58"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="89"/>
        <source>My Picture Book</source>
        <translation>나만의 그림책</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="90"/>
        <source>Pick a hero, pick a story, and watch it come alive!</source>
        <translation>주인공과 이야기를 고르면 그림책이 뚝딱!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="91"/>
        <source>Make my book</source>
        <translation>그림책 만들기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="92"/>
        <source>My bookshelf</source>
        <translation>내 책장</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="95"/>
        <source>Grown-ups: set up pictures and voice models in the grown-ups&apos; area.</source>
        <translation>어른께: 어른 설정에서 그림과 목소리 모델을 준비해 주세요.</translation>
    </message>
</context>
<context>
    <name>KioskOptions</name>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="46"/>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="80"/>
        <source>No printer (no Print button)</source>
        <translation>프린터 없음 (인쇄 버튼 없음)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="52"/>
        <source>{name} (not found now)</source>
        <translation>{name} (지금은 찾을 수 없음)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="69"/>
        <source>Printer for Print</source>
        <translation>인쇄에 쓸 프린터</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="70"/>
        <source>Bookshelf</source>
        <translation>책장</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="72"/>
        <source>Automatic (kiosk: this visit only)</source>
        <translation>자동 (키오스크: 이번 방문만)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="73"/>
        <source>Keep every book</source>
        <translation>모든 책 보관</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="74"/>
        <source>Keep books for this visit only</source>
        <translation>이번 방문의 책만 보관</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/kiosk_options.py" line="75"/>
        <source>No bookshelf</source>
        <translation>책장 없음</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../aibook_desktop/ui/window.py" line="271"/>
        <location filename="../../aibook_desktop/ui/window.py" line="311"/>
        <source>Just a moment, I&apos;m still busy.</source>
        <translation>잠깐만요, 아직 그리고 있어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/window.py" line="481"/>
        <source>This book can&apos;t be opened right now. Let&apos;s pick another one!</source>
        <translation>이 책은 지금 열 수 없어요. 다른 책을 골라 볼까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/window.py" line="488"/>
        <source>My Picture Book</source>
        <translation>나만의 그림책</translation>
    </message>
</context>
<context>
    <name>MakingScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="209"/>
        <source>{hero} + {theme}</source>
        <translation>{hero} + {theme}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="211"/>
        <source>Writing the story</source>
        <translation>이야기 쓰는 중</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="212"/>
        <source>Drawing the pictures</source>
        <translation>그림 그리는 중</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="213"/>
        <source>Stop</source>
        <translation>그만하기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="214"/>
        <source>Read page 1 now</source>
        <translation>1쪽 먼저 읽기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="215"/>
        <source>Stop making the book?</source>
        <translation>그림책 만들기를 멈출까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="216"/>
        <source>Yes, stop</source>
        <translation>네, 멈출래요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="217"/>
        <source>No, keep going</source>
        <translation>아니요, 계속할래요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="218"/>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="150"/>
        <source>Checking</source>
        <translation>확인하는 중</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="150"/>
        <source>Downloading</source>
        <translation>내려받는 중</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="154"/>
        <source>Done: the models are in place and the settings are saved.</source>
        <translation>완료: 모델을 설치하고 설정을 저장했어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="157"/>
        <source>The download did not finish: {why}</source>
        <translation>내려받기를 끝내지 못했어요: {why}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="161"/>
        <source>Stopped. The files already here are kept; downloading again continues.</source>
        <translation>멈췄어요. 받은 파일은 남아 있고, 다시 내려받으면 이어서 받아요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="166"/>
        <source>Imported {role} into {folder}.</source>
        <translation>{role} 모델을 {folder}에 가져왔어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="170"/>
        <source>That folder cannot be used: {report}</source>
        <translation>이 폴더는 쓸 수 없어요: {report}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="186"/>
        <source>Download the models for “{title}”?

About {size} will be downloaded into {folder}.
Free disk space there: {free}.</source>
        <translation>“{title}” 모델을 내려받을까요?

약 {size}를 {folder}에 내려받아요.
그곳의 남은 디스크 공간: {free}.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="194"/>
        <source>Download models</source>
        <translation>모델 내려받기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="195"/>
        <source>Nothing was downloaded.</source>
        <translation>아무것도 내려받지 않았어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="200"/>
        <source>Starting the download…</source>
        <translation>내려받기를 시작하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="206"/>
        <source>Checking the folder…</source>
        <translation>폴더를 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="214"/>
        <source>Choose a model folder</source>
        <translation>모델 폴더 고르기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="234"/>
        <source>Pictures and voice can use bigger models on a computer with a good graphics card. Choose what fits this computer.</source>
        <translation>좋은 그래픽 카드가 있는 컴퓨터에서는 그림과 음성에 더 큰 모델을 쓸 수 있어요. 이 컴퓨터에 맞는 것을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="239"/>
        <source>This computer: {hw}</source>
        <translation>이 컴퓨터: {hw}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="242"/>
        <source>Graphics card 12 GB+: best pictures, best listening</source>
        <translation>그래픽 카드 12 GB 이상: 가장 좋은 그림, 가장 잘 알아듣기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="247"/>
        <source>Graphics card 8 GB: good pictures</source>
        <translation>그래픽 카드 8 GB: 좋은 그림</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="248"/>
        <source>CPU only: built-in storyteller and painter</source>
        <translation>그래픽 카드 없이: 내장 이야기꾼과 화가</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="249"/>
        <source>CPU only, with Korean voice: multilingual listening</source>
        <translation>그래픽 카드 없이, 한국어 음성과 함께: 다국어 음성 인식</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="254"/>
        <source>Disk: {disk} · Graphics memory: {vram}</source>
        <translation>디스크: {disk} · 그래픽 메모리: {vram}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="255"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="257"/>
        <source>not needed</source>
        <translation>필요 없음</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="262"/>
        <source>✔ in use</source>
        <translation>✔ 사용 중</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="264"/>
        <source>★ recommended for this computer</source>
        <translation>★ 이 컴퓨터에 추천</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="266"/>
        <source>Use</source>
        <translation>사용하기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="268"/>
        <source>Download…</source>
        <translation>내려받기…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="269"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="270"/>
        <source>Already have a model folder (USB stick)?</source>
        <translation>모델 폴더가 이미 있나요 (이동식 메모리)?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="271"/>
        <source>Import folder…</source>
        <translation>폴더 가져오기…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="273"/>
        <source>SDXL base (pictures)</source>
        <translation>SDXL 기본 (그림)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="274"/>
        <source>SDXL refiner (finer pictures)</source>
        <translation>SDXL 리파이너 (더 고운 그림)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="243"/>
        <source>Graphics card 12 GB+: fast pictures (8 steps, no refiner)</source>
        <translation>그래픽 카드 12 GB 이상: 빠른 그림 (8단계, 리파이너 없음)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="245"/>
        <source>Graphics card 12 GB+: instant pictures (4 steps, safety check required)</source>
        <translation>그래픽 카드 12 GB 이상: 즉시 그림 (4단계, 안전 검사 필수)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="275"/>
        <source>SDXL picture decoder (fp16-safe VAE)</source>
        <translation>SDXL 그림 디코더 (fp16 안전 VAE)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="276"/>
        <source>Fast-pictures LoRA (few steps)</source>
        <translation>빠른 그림 LoRA (적은 단계)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="277"/>
        <source>Picture safety check</source>
        <translation>그림 안전 검사</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="278"/>
        <source>Whisper (listening)</source>
        <translation>Whisper (듣기)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/models_page.py" line="279"/>
        <source>Whisper children&apos;s adapter</source>
        <translation>Whisper 어린이 어댑터</translation>
    </message>
</context>
<context>
    <name>NameOverlay</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="195"/>
        <source>What is your name?</source>
        <translation>이름이 뭐예요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="196"/>
        <source>A grown-up can type the name here.</source>
        <translation>어른이 여기에 이름을 써 주세요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="197"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="198"/>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="199"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>ParentScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="306"/>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="315"/>
        <source>Not saved: {why}</source>
        <translation>저장하지 못했어요: {why}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="311"/>
        <source>Saved.</source>
        <translation>저장했어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="326"/>
        <source>The key could not be kept in this computer&apos;s keyring ({why}). Set OPENAI_API_KEY instead.</source>
        <translation>이 컴퓨터의 키링에 키를 보관할 수 없어요 ({why}). 대신 OPENAI_API_KEY 환경 변수를 설정해 주세요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="332"/>
        <source>The key is saved in the keyring.</source>
        <translation>키를 키링에 저장했어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="341"/>
        <source>The keyring could not be changed ({why}).</source>
        <translation>키링을 바꿀 수 없어요 ({why}).</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="349"/>
        <source>Choose a model folder</source>
        <translation>모델 폴더 고르기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="375"/>
        <source>For grown-ups</source>
        <translation>어른용 설정</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="376"/>
        <source>Done</source>
        <translation>끝</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="377"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="379"/>
        <source>Story and pictures</source>
        <translation>이야기와 그림</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="379"/>
        <source>Book</source>
        <translation>책</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="379"/>
        <source>Kiosk</source>
        <translation>키오스크</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="380"/>
        <source>Diagnostics</source>
        <translation>진단</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="380"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="380"/>
        <source>Books</source>
        <translation>책 정리</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="384"/>
        <source>Story backend</source>
        <translation>이야기 엔진</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="384"/>
        <source>Story model</source>
        <translation>이야기 모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="384"/>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="385"/>
        <source>API key</source>
        <translation>API 키</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="385"/>
        <source>Picture backend</source>
        <translation>그림 엔진</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="385"/>
        <source>OpenAI picture model</source>
        <translation>OpenAI 그림 모델</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="386"/>
        <source>Picture server address</source>
        <translation>그림 서버 주소</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="386"/>
        <source>This kiosk&apos;s server token</source>
        <translation>이 키오스크의 서버 토큰</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="387"/>
        <source>Voice from the server</source>
        <translation>서버 음성 인식</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="388"/>
        <source>SDXL base folder</source>
        <translation>SDXL 기본 모델 폴더</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="389"/>
        <source>SDXL refiner folder</source>
        <translation>SDXL 리파이너 폴더</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="389"/>
        <source>Picture safety check folder</source>
        <translation>그림 안전 검사 폴더</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="390"/>
        <source>Whisper model folder</source>
        <translation>Whisper 모델 폴더</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="391"/>
        <source>Whisper adapter folder</source>
        <translation>Whisper 어댑터 폴더</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="395"/>
        <source>empty = api.openai.com</source>
        <translation>비워 두면 기본 서버</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="396"/>
        <source>paste a new key here</source>
        <translation>새 키를 여기에 붙여 넣기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="399"/>
        <source>A key is saved in the keyring.</source>
        <translation>키링에 키가 저장되어 있어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="400"/>
        <source>No key saved.</source>
        <translation>저장된 키가 없어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="401"/>
        <source>The keyring cannot be reached on this computer.</source>
        <translation>이 컴퓨터에서는 키링을 쓸 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="403"/>
        <source>Save key</source>
        <translation>키 저장</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="404"/>
        <source>Forget key</source>
        <translation>키 지우기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="406"/>
        <source>Choose…</source>
        <translation>고르기…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="408"/>
        <source>Pages</source>
        <translation>쪽수</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="408"/>
        <source>Age</source>
        <translation>나이</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="408"/>
        <source>Both languages on each page</source>
        <translation>쪽마다 두 언어로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="409"/>
        <source>Safety filter</source>
        <translation>안전 필터</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="409"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="413"/>
        <source>strict</source>
        <translation>엄격하게</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="414"/>
        <source>normal</source>
        <translation>보통</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="415"/>
        <source>built-in storyteller (offline)</source>
        <translation>내장 이야기꾼 (오프라인)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="416"/>
        <source>built-in painter (sketch)</source>
        <translation>내장 화가 (스케치)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="417"/>
        <source>picture server (aibook serve)</source>
        <translation>그림 서버</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="418"/>
        <source>host:port (empty = no server)</source>
        <translation>주소:포트 (비우면 서버 없음)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="419"/>
        <source>recognise the child&apos;s voice on the server too</source>
        <translation>아이의 목소리도 서버에서 알아듣기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="421"/>
        <source>{band} years</source>
        <translation>{band}세</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="423"/>
        <source>Full screen kiosk</source>
        <translation>전체 화면 키오스크</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="423"/>
        <source>Idle timeout (seconds)</source>
        <translation>자리 비움 시간 (초)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="424"/>
        <source>Keep voice recordings</source>
        <translation>녹음 보관하기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="425"/>
        <source>QR code to take books home (local network)</source>
        <translation>책을 집에 가져가는 QR 코드 (같은 네트워크)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="429"/>
        <source>Change the PIN</source>
        <translation>PIN 바꾸기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/settings_page.py" line="430"/>
        <source>Quit the app</source>
        <translation>앱 끝내기</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="274"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="280"/>
        <source>Grown-ups only: enter the PIN</source>
        <translation>어른만: PIN을 눌러 주세요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="278"/>
        <source>Grown-ups only: type the passphrase</source>
        <translation>어른만: 암호 문장을 입력해 주세요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="292"/>
        <source>That is not the passphrase. Try again.</source>
        <translation>암호 문장이 맞지 않아요. 다시 해 보세요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="284"/>
        <source>Enter the same PIN again</source>
        <translation>같은 PIN을 한 번 더 눌러 주세요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="294"/>
        <source>That is not the PIN. Try again.</source>
        <translation>PIN이 맞지 않아요. 다시 해 보세요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="298"/>
        <source>The two PINs were different. Let&apos;s start again.</source>
        <translation>두 PIN이 달라요. 처음부터 다시 해요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="281"/>
        <source>Grown-ups: choose a PIN of {n} to {m} digits</source>
        <translation>어른께: {n}~{m}자리 PIN을 정해 주세요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="295"/>
        <source>Too many tries. The keypad opens again in {n} min.</source>
        <translation>너무 많이 틀렸어요. {n}분 뒤에 다시 누를 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="302"/>
        <source>{n} digits or more are much harder to guess.</source>
        <translation>{n}자리 이상이면 훨씬 알아내기 어려워요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="307"/>
        <source>No grown-up PIN has been set on this computer. A grown-up sets one with the command: aibook parent set-pin</source>
        <translation>이 컴퓨터에는 아직 어른용 PIN이 없어요. 어른이 다음 명령으로 정할 수 있어요: aibook parent set-pin</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="312"/>
        <source>The settings file could not be read, so this gate stays locked. A grown-up can fix it with the command: aibook parent set-pin (the broken file is kept beside it).</source>
        <translation>설정 파일을 읽을 수 없어서 이 문은 잠겨 있어요. 어른이 다음 명령으로 고칠 수 있어요: aibook parent set-pin (망가진 파일은 옆에 보관돼요).</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="285"/>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="286"/>
        <source>Grown-ups only</source>
        <translation>어른만</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="275"/>
        <location filename="../../aibook_desktop/ui/parent/gate.py" line="276"/>
        <source>OK</source>
        <translation>확인</translation>
    </message>
</context>
<context>
    <name>ReaderScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="392"/>
        <source>This book has no pages yet.</source>
        <translation>이 책에는 아직 페이지가 없어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="582"/>
        <source>Drawing a new picture…</source>
        <translation>새 그림을 그리는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="592"/>
        <source>The PDF is saved! A grown-up can find it in the book&apos;s folder.</source>
        <translation>PDF를 저장했어요! 어른이 책 폴더에서 찾을 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="597"/>
        <source>Printed: {where}</source>
        <translation>인쇄했어요: {where}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="611"/>
        <source>Sorry, the PDF could not be made.</source>
        <translation>미안해요, PDF를 만들지 못했어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="616"/>
        <source>Making the PDF…</source>
        <translation>PDF 만드는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="624"/>
        <source>Making the colouring book…</source>
        <translation>색칠북을 만드는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="638"/>
        <source>made by {name}</source>
        <translation>{name} 지음</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="675"/>
        <source>Getting the book ready to take home…</source>
        <translation>집에 가져갈 책을 준비하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="689"/>
        <source>A grown-up&apos;s phone can take the book home: scan within {n} minutes.</source>
        <translation>어른 휴대폰으로 {n}분 안에 찍으면 책을 집에 가져갈 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="721"/>
        <source>Stop reading</source>
        <translation>그만 읽기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="721"/>
        <source>Read to me</source>
        <translation>읽어 주세요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="726"/>
        <source>Cover</source>
        <translation>표지</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="728"/>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="747"/>
        <source>The End</source>
        <translation>끝</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="731"/>
        <source>Page {page} (more pages are being drawn)</source>
        <translation>{page}쪽 (다음 쪽을 그리는 중)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="735"/>
        <source>Page {page} of {count}</source>
        <translation>{count}쪽 중 {page}쪽</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="739"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="740"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="741"/>
        <source>Colouring</source>
        <translation>색칠북</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="742"/>
        <source>Print</source>
        <translation>인쇄</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="743"/>
        <source>New picture</source>
        <translation>새 그림</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="744"/>
        <source>I don&apos;t like this picture</source>
        <translation>이 그림이 마음에 안 들어요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="745"/>
        <source>Previous page</source>
        <translation>앞 페이지</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="746"/>
        <source>Next page</source>
        <translation>다음 페이지</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="748"/>
        <source>Read again</source>
        <translation>다시 읽기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="749"/>
        <source>Make another book</source>
        <translation>새 책 만들기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="750"/>
        <source>Take the book home (QR)</source>
        <translation>책을 집으로 (QR)</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="604"/>
        <source>Sorry, the printer is not answering. Ask a grown-up.</source>
        <translation>미안해요, 프린터가 대답하지 않아요. 어른에게 물어봐요.</translation>
    </message>
</context>
<context>
    <name>ShelfScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="124"/>
        <source>My bookshelf</source>
        <translation>내 책장</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="125"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="127"/>
        <source>Looking for your books…</source>
        <translation>책을 찾고 있어요…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="129"/>
        <source>No books yet. Let&apos;s make one!</source>
        <translation>아직 책이 없어요. 하나 만들어 볼까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="139"/>
        <source>This book got a little torn.</source>
        <translation>이 책은 조금 찢어졌어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="141"/>
        <source>(not finished)</source>
        <translation>(다 못 만든 책)</translation>
    </message>
</context>
<context>
    <name>SorryScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/sorry.py" line="52"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
</context>
<context>
    <name>StillThereOverlay</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="120"/>
        <source>Are you still there? Touch the screen!</source>
        <translation>아직 거기 있나요? 화면을 눌러 주세요!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="123"/>
        <source>Are you still there?</source>
        <translation>아직 거기 있나요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/overlays.py" line="124"/>
        <source>I&apos;m here!</source>
        <translation>여기 있어요!</translation>
    </message>
</context>
<context>
    <name>TakeHome</name>
    <message>
        <location filename="../../aibook_desktop/ui/take_home.py" line="59"/>
        <source>Taking books home is turned off.</source>
        <translation>책 가져가기가 꺼져 있어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/take_home.py" line="86"/>
        <source>Sorry, the book could not be made ready.</source>
        <translation>미안해요, 책을 준비하지 못했어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/take_home.py" line="95"/>
        <source>No network here: use the parent area to copy the book.</source>
        <translation>네트워크가 없어요: 어른 메뉴에서 책을 복사해 주세요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/take_home.py" line="109"/>
        <source>Sorry, the QR code could not be made.</source>
        <translation>미안해요, QR 코드를 만들지 못했어요.</translation>
    </message>
</context>
<context>
    <name>ThemeScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="24"/>
        <source>Moon trip</source>
        <translation>달나라 여행</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="25"/>
        <source>flying to the moon</source>
        <translation>달나라로 날아가는 여행</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="29"/>
        <source>Under the sea</source>
        <translation>바닷속 모험</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="30"/>
        <source>an adventure under the sea</source>
        <translation>바닷속 모험</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="34"/>
        <source>Dinosaur friend</source>
        <translation>공룡 친구</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="35"/>
        <source>making friends with a dinosaur</source>
        <translation>공룡과 친구가 되는 이야기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="39"/>
        <source>Birthday</source>
        <translation>생일 파티</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="40"/>
        <source>a happy birthday party</source>
        <translation>즐거운 생일 파티</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="44"/>
        <source>Snow day</source>
        <translation>눈 오는 날</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="45"/>
        <source>playing in the snow</source>
        <translation>눈 오는 날 눈놀이</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="49"/>
        <source>Castle</source>
        <translation>마법의 성</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="50"/>
        <source>a visit to a magic castle</source>
        <translation>마법의 성에 놀러 가기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="54"/>
        <source>Forest picnic</source>
        <translation>숲속 소풍</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="55"/>
        <source>a picnic in the forest</source>
        <translation>숲속으로 소풍 가기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="59"/>
        <source>Robot friend</source>
        <translation>로봇 친구</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="60"/>
        <source>building a robot friend</source>
        <translation>로봇 친구 만들기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="243"/>
        <source>I couldn&apos;t quite hear that. Let&apos;s try again!</source>
        <translation>잘 못 들었어요. 다시 말해 줄래요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="246"/>
        <source>Let&apos;s find kind words for our story. Say it again, or pick a picture!</source>
        <translation>우리 이야기에는 고운 말을 써 볼까요? 다시 말해 주거나 그림을 골라 주세요!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="253"/>
        <source>The microphone is sleeping. Pick a picture instead!</source>
        <translation>마이크가 자고 있어요. 그림을 골라 주세요!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="258"/>
        <source>What should the story be about? Hold the microphone and tell me!</source>
        <translation>무슨 이야기를 만들까요? 마이크를 누르고 말해 주세요!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="262"/>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="278"/>
        <source>Hold and talk</source>
        <translation>누르고 말하기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="263"/>
        <source>I&apos;m listening…</source>
        <translation>듣고 있어요…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="264"/>
        <source>Thinking…</source>
        <translation>생각하는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="270"/>
        <source>What is the story about?</source>
        <translation>어떤 이야기를 만들까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="271"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="272"/>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="273"/>
        <source>Typed by a grown-up:</source>
        <translation>어른이 입력하기:</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="274"/>
        <source>e.g. a rainy day with a duck</source>
        <translation>예: 오리와 함께한 비 오는 날</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="275"/>
        <source>Go</source>
        <translation>시작</translation>
    </message>
</context>
</TS>
